// Self-check for "Principles and what comes next": the ceiling on what layer fusion can save, the KV hand-off of
// disaggregated serving, and the decode ceiling of sub-4-bit weights with the KV cache held fixed.

import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { GPUS, MODELS } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { INTERCONNECTS } from '../../../src/engine/parallel.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { decodeCeilingTokensPerS, decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import { weightBytesAtBits } from '../../../src/engine/weights.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE, DENSE_FULL_KV } from './model-pools.ts';

const FULL_ATTENTION = DENSE_FULL_KV;
const model = (id: string) => MODELS.find((m) => m.id === id) as Model;
const gpu = (id: string) => GPUS.find((g) => g.id === id) as Gpu;

interface FusionParams {
  modelId: string;
  precision: Precision;
  activationMB: number;
}

export const fusionGain: NumericTemplate<FusionParams> = {
  id: 'principles/fusion-gain',
  topic: 'decode-ceiling',
  title: 'The most that fusing layers can save in decode',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(DENSE).id,
      precision: rng.pick<Precision>(['bf16', 'fp8', 'int8', 'int4']),
      activationMB: rng.pick([2, 5, 8, 13, 20]),
    };
  },
  text(p) {
    const m = model(p.modelId);
    return `A batch-1 decode step of ${m.name} with ${PRECISION_LABEL[p.precision]} weights reads every weight once and moves about ${p.activationMB} MB of activations between layers. If a fused kernel removed the activation traffic entirely (and nothing else changed), by what percentage could the memory-bound step get faster at most? (in %, ±2% of the answer)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const w = weightBytes(m, p.precision);
    const a = p.activationMB * 1e6;
    const value = ((w + a) / w - 1) * 100;
    return {
      value: value / 100,
      steps: [
        `Weights read per step: ${formatBytes(w, 'GB')}.`,
        `Bytes before ÷ bytes after = (${formatBytes(w, 'GB')} + ${p.activationMB} MB) ÷ ${formatBytes(w, 'GB')} = ${fixed(1 + value / 100, 5)}: at most ${value.toPrecision(3)}% faster.`,
        'The weights dominate decode traffic; fusion pays by removing launch gaps, not bytes.',
      ],
    };
  },
};

interface TransferParams {
  modelId: string;
  prompt: number;
  linkGBs: number;
}

/** Engine interconnects, plus network ports quoted by their line rate (400 and 200 Gb/s). */
const LINKS = [
  ...(['nvlink4', 'pcie5', 'pcie4'] as const).map((id) => ({
    gbs: INTERCONNECTS[id].bytesPerS / 1e9,
    name: `${INTERCONNECTS[id].name} (${INTERCONNECTS[id].bytesPerS / 1e9} GB/s per direction)`,
  })),
  { gbs: 50, name: 'a 400 Gb/s InfiniBand port (50 GB/s)' },
  { gbs: 25, name: 'a 200 Gb/s network port (25 GB/s)' },
];

export const kvTransfer: NumericTemplate<TransferParams> = {
  id: 'principles/kv-transfer',
  topic: 'kv-sizing',
  title: 'The KV hand-off of disaggregated serving',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    const m = rng.pick(FULL_ATTENTION);
    const prompts = [2048, 4096, 8192, 16384, 32768].filter((n) => n <= m.maxContext);
    return { modelId: m.id, prompt: rng.pick(prompts), linkGBs: rng.pick(LINKS).gbs };
  },
  text(p) {
    const m = model(p.modelId);
    const link = LINKS.find((l) => l.gbs === p.linkGBs) as (typeof LINKS)[number];
    return `In a disaggregated deployment of ${m.name} (BF16 KV cache), a prefill instance hands a ${int(p.prompt)}-token prompt's KV cache to a decode instance over ${link.name}. Ignoring latency and protocol overhead, how long does the transfer take? (ms, ±2%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const bytes = kvBytesForContext(m, p.prompt);
    const value = bytes / (p.linkGBs * 1e9);
    return {
      value,
      steps: [
        `KV per token = ${int(kvBytesPerToken(m))} B; × ${int(p.prompt)} tokens = ${formatBytes(bytes, 'GB')}.`,
        `${formatBytes(bytes, 'GB')} ÷ ${p.linkGBs} GB/s = ${fixed(value * 1e3, 2)} ms.`,
        'Paid on every request: disaggregation buys separate control of TTFT and inter-token latency, not throughput.',
      ],
    };
  },
};

interface BitsParams {
  modelId: string;
  gpuId: string;
  bits: number;
  context: number;
}

export const bitsCeiling: NumericTemplate<BitsParams> = {
  id: 'principles/bits-ceiling',
  topic: 'decode-ceiling',
  title: 'Decode ceiling with sub-4-bit weights',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(FULL_ATTENTION).id,
      gpuId: rng.pick(GPUS).id,
      bits: rng.pick([4.25, 3.25, 2.25]),
      context: rng.pick([1024, 4096, 16384]),
    };
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `${m.name} is quantized to ${p.bits} effective bits per weight in its linear layers (scales included); the embeddings and output head stay in BF16, as does the KV cache. One sequence decodes at ${int(p.context)} tokens of context on an ${g.name} (${int(g.bandwidthBytesPerS / 1e9)} GB/s). What is the decode ceiling? (tok/s, ±2%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    const w = weightBytesAtBits(m, p.bits);
    const kv = decodeStep(m, g, { weightPrecision: 'bf16', batch: 1, context: p.context }).kvBytesRead;
    const value = decodeCeilingTokensPerS(w + kv, g.bandwidthBytesPerS);
    return {
      value,
      steps: [
        `Weights: linear layers at ${p.bits} bits plus 16-bit embeddings = ${formatBytes(w, 'GB')}.`,
        `KV cache at ${int(p.context)} tokens: ${formatBytes(kv, 'GB')} (unchanged by weight bits).`,
        `Ceiling = ${int(g.bandwidthBytesPerS / 1e9)} GB/s ÷ ${formatBytes(w + kv, 'GB')} = ${fixed(value, 1)} tokens/s.`,
      ],
    };
  },
};

export const PRINCIPLES_TEMPLATES = [fusionGain, kvTransfer, bitsCeiling];
