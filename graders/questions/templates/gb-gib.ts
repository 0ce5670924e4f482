import { weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, GB, GiB, int, MiB } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { DENSE_IDS, GPU_IDS, gpu, model, withArticle } from './pool.ts';

interface CardParams {
  gpuId: string;
  unit: 'GB' | 'GiB';
}

export const cardMemory: NumericTemplate<CardParams> = {
  id: 'units/card-memory',
  topic: 'units',
  title: 'A card’s memory in GB and GiB',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.005 },
  unitFor: (p) => p.unit,
  generate(rng) {
    return { gpuId: rng.pick(GPU_IDS), unit: rng.pick(['GB', 'GiB'] as const) };
  },
  text(p) {
    const g = gpu(p.gpuId);
    return `nvidia-smi reports ${int(g.memoryBytes / MiB)} MiB of memory on ${withArticle(g.name)} (sold as "${g.memoryLabel}"). How much is that in ${p.unit}? (±0.5%)`;
  },
  solve(p) {
    const g = gpu(p.gpuId);
    const b = g.memoryBytes;
    return {
      value: b,
      steps: [
        `A MiB is 2²⁰ = 1,048,576 bytes, so ${int(b / MiB)} MiB = ${int(b)} bytes.`,
        `In GB (10⁹ bytes): ${formatBytes(b, 'GB')}. In GiB (2³⁰ bytes): ${formatBytes(b, 'GiB')}.`,
        `The two differ by ${fixed((GiB / GB - 1) * 100, 1)}%, more than many effects you will try to measure.`,
      ],
    };
  },
};

interface TrapParams {
  modelId: string;
  precision: Precision;
  /** Free memory nvidia-smi shows, in MiB. */
  freeMiB: number;
}

const TRAP_PRECISIONS: Precision[] = ['bf16', 'fp8', 'int4'];

/** The weights-vs-free-memory check, where reading MiB as if it were MB (or GiB as GB) flips the answer. */
export const fitsTrap: ChoiceTemplate<TrapParams> = {
  kind: 'choice',
  id: 'units/fits-trap',
  topic: 'units',
  title: 'Do the weights fit the free memory?',
  generate(rng) {
    for (;;) {
      const modelId = rng.pick(DENSE_IDS);
      const precision = rng.pick(TRAP_PRECISIONS);
      const w = weightBytes(model(modelId), precision);
      // Mostly the trap (fits, though the GB figure exceeds the GiB figure); sometimes a clear yes or no.
      const scenario = rng.next();
      const ratio =
        scenario < 0.6 ? 1.01 + 0.05 * rng.next() : scenario < 0.8 ? 1.15 + 0.3 * rng.next() : 0.75 + 0.15 * rng.next();
      const freeMiB = Math.round((w * ratio) / MiB);
      if (freeMiB * MiB > 0.5 * GiB && freeMiB < 200_000) return { modelId, precision, freeMiB };
    }
  },
  text(p) {
    const m = model(p.modelId);
    const w = weightBytes(m, p.precision);
    return `A calculator says ${m.name}'s ${PRECISION_LABEL[p.precision]} weights take ${formatBytes(w, 'GB')}. nvidia-smi shows ${int(p.freeMiB)} MiB free on the card. Do the weights fit in that free memory (ignore everything but the weights)?`;
  },
  options(p) {
    const w = weightBytes(model(p.modelId), p.precision);
    const free = p.freeMiB * MiB;
    const fits = w <= free;
    const gap = `${formatBytes(w, 'GiB')} of weights against ${formatBytes(free, 'GiB')} free`;
    return [
      {
        label: 'Yes, they fit',
        correct: fits,
        explanation: fits
          ? `They fit: ${gap}. Convert both to the same unit before comparing.`
          : `They do not: ${gap}.`,
      },
      {
        label: 'No, they do not fit',
        correct: !fits,
        explanation: fits
          ? `Comparing ${formatBytes(w, 'GB')} with ${fixed(p.freeMiB / 1024, 2)} "GB" mixes units: ${int(p.freeMiB)} MiB is ${formatBytes(free, 'GB')}, which is more than the weights.`
          : `They do not fit: ${gap}.`,
      },
    ];
  },
  solve(p) {
    const w = weightBytes(model(p.modelId), p.precision);
    const free = p.freeMiB * MiB;
    return {
      steps: [
        `Weights: ${formatBytes(w, 'GB')} = ${int(w)} bytes = ${formatBytes(w, 'GiB')}.`,
        `Free: ${int(p.freeMiB)} MiB × 1,048,576 = ${int(free)} bytes = ${formatBytes(free, 'GB')} = ${formatBytes(free, 'GiB')}.`,
        w <= free
          ? `${formatBytes(w, 'GiB')} ≤ ${formatBytes(free, 'GiB')}: they fit, with ${formatBytes(free - w, 'GiB')} to spare.`
          : `${formatBytes(w, 'GiB')} > ${formatBytes(free, 'GiB')}: they do not fit; ${formatBytes(w - free, 'GiB')} short.`,
      ],
    };
  },
};

interface HeadroomParams {
  gpuId: string;
  usedGiB: number;
}

/** Vendors print GB, dashboards print GiB: the headroom left is a mixed-unit subtraction. */
export const headroom: NumericTemplate<HeadroomParams> = {
  id: 'units/headroom',
  topic: 'units',
  title: 'Headroom across GB and GiB',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    const g = gpu(rng.pick(GPU_IDS));
    const capGiB = g.memoryBytes / GiB;
    const usedGiB = Math.round(capGiB * (0.55 + 0.3 * rng.next()) * 10) / 10;
    return { gpuId: g.id, usedGiB };
  },
  text(p) {
    const g = gpu(p.gpuId);
    return `A dashboard shows your server using ${fixed(p.usedGiB, 1)} GiB on ${withArticle(g.name)}, whose memory nvidia-smi reports as ${int(g.memoryBytes / MiB)} MiB. How much memory is left, in GB? (±1%)`;
  },
  solve(p) {
    const g = gpu(p.gpuId);
    const used = p.usedGiB * GiB;
    const left = g.memoryBytes - used;
    return {
      value: left,
      steps: [
        `Card: ${int(g.memoryBytes / MiB)} MiB = ${int(g.memoryBytes)} bytes (${formatBytes(g.memoryBytes, 'GB')}).`,
        `Used: ${fixed(p.usedGiB, 1)} GiB × 2³⁰ = ${int(used)} bytes (${formatBytes(used, 'GB')}).`,
        `Left: ${int(left)} bytes = ${formatBytes(left, 'GB')} (${formatBytes(left, 'GiB')}).`,
      ],
    };
  },
};

export const GB_GIB_TEMPLATES = [cardMemory, fitsTrap, headroom];
