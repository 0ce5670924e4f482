// Self-check for "Diagnosing by layer": achieved bandwidth from a measured step, the stall a one-step prefill
// causes, and what FP8 KV does to the pool.

import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, MODELS } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { prefillTime } from '../../../src/engine/prefill.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, GiB, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE_FULL_KV } from './model-pools.ts';

const model = (id: string) => MODELS.find((m) => m.id === id) as Model;
const gpu = (id: string) => GPUS.find((g) => g.id === id) as Gpu;
const FULL_ATTENTION = DENSE_FULL_KV;
const bw = (g: Gpu) => `${int(g.bandwidthBytesPerS / 1e9)} GB/s`;

interface EfficiencyParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  measuredMs: number;
}

export const bandwidthEfficiency: NumericTemplate<EfficiencyParams> = {
  id: 'diagnosing/bandwidth-efficiency',
  topic: 'decode-ceiling',
  title: 'Achieved bandwidth from a measured decode step',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.03 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(BASE_MODELS);
      const g = rng.pick(GPUS);
      const precision = rng.pick<Precision>(['bf16', 'fp8', 'int8']);
      if (weightBytes(m, precision) > 0.85 * g.memoryBytes) continue;
      const s = decodeStep(m, g, { weightPrecision: precision, batch: 1, context: 0 });
      const efficiency = rng.pick([0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
      const measuredMs = Math.round((s.memoryTimeS / efficiency) * 1e4) / 10;
      return { modelId: m.id, gpuId: g.id, precision, measuredMs };
    }
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `${m.name} with ${PRECISION_LABEL[p.precision]} weights decodes one request on an ${g.name} (${bw(g)}), short context. The measured time per output token is ${p.measuredMs} ms. What percentage of the card's peak memory bandwidth do the decode kernels achieve? Ignore the KV cache. (in %, ±3%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    const s = decodeStep(m, g, { weightPrecision: p.precision, batch: 1, context: 0 });
    const value = (s.memoryTimeS / (p.measuredMs / 1e3)) * 100;
    return {
      value: value / 100,
      steps: [
        `Bytes per step = weights read = ${formatBytes(s.bytesPerStep, 'GB')}.`,
        `At peak bandwidth the step would take ${formatBytes(s.bytesPerStep, 'GB')} ÷ ${bw(g)} = ${fixed(s.memoryTimeS * 1e3, 2)} ms.`,
        `Achieved share = ${fixed(s.memoryTimeS * 1e3, 2)} ms ÷ ${p.measuredMs} ms = ${fixed(value, 1)}%.`,
        value < 70
          ? 'Below the 70–85% real kernels reach: look in the backend (L3) for launch gaps, eager mode or the wrong precision.'
          : 'Inside the band real kernels reach: the silicon (L0) is the limit at batch 1.',
      ],
    };
  },
};

interface StallParams {
  modelId: string;
  gpuId: string;
  prompt: number;
}

export const prefillStall: NumericTemplate<StallParams> = {
  id: 'diagnosing/prefill-stall',
  topic: 'prefill-time',
  title: 'The stall a whole-prompt prefill causes',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.03 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(FULL_ATTENTION);
      const g = rng.pick(GPUS);
      if (weightBytes(m, 'bf16') > 0.85 * g.memoryBytes) continue;
      const prompts = [2048, 4096, 8192, 16384, 32768, 65536].filter((n) => n <= m.maxContext);
      return { modelId: m.id, gpuId: g.id, prompt: rng.pick(prompts) };
    }
  },
  text(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    return `${m.name} (BF16) on an ${g.name} (${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} dense BF16 TFLOP/s) prefills a ${int(p.prompt)}-token prompt in a single scheduler step while other streams are decoding. Counting 2 FLOPs per parameter per token plus attention over the earlier tokens (the course's FLOPs-per-token formula), and assuming the tensor cores run at their dense peak, how long does every running stream wait for that step, at least? (ms, ±3%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const g = gpu(p.gpuId);
    const pre = prefillTime(m, g, { promptTokens: p.prompt, weightPrecision: 'bf16' });
    const flops = pre.flops;
    const value = pre.computeTimeS;
    return {
      value,
      steps: [
        `2 FLOPs per active parameter for each of ${int(p.prompt)} tokens, plus causal attention (token t attends to the t positions up to itself): ${fixed(flops / 1e12, 1)} TFLOP in all (${fixed(pre.attentionFlops / 1e12, 1)} of it attention).`,
        `At ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOP/s that is ${fixed(value * 1e3, 1)} ms, a floor: real prefill reaches a fraction of peak.`,
        'Chunked prefill (L4b) spreads it over many steps, so no stream waits for the whole prompt at once.',
      ],
    };
  },
};

interface Fp8Params {
  modelId: string;
  poolGiB: number;
}

export const fp8KvTokens: NumericTemplate<Fp8Params> = {
  id: 'diagnosing/fp8-kv-tokens',
  topic: 'concurrency',
  title: 'KV tokens the pool holds after switching to FP8',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return { modelId: rng.pick(FULL_ATTENTION).id, poolGiB: rng.pick([10, 16, 24, 30, 40, 56]) };
  },
  text(p) {
    const m = model(p.modelId);
    return `A replica of ${m.name} has ${p.poolGiB} GiB of KV pool and is preempting at peak load. The team switches the KV cache from BF16 to FP8 (one byte per element). How many tokens of KV does the pool hold now? (number only, ±2%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const per = kvBytesPerToken(m, 'fp8');
    const value = (p.poolGiB * GiB) / per;
    return {
      value,
      steps: [
        `FP8 KV per token = 2 × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} × 1 B = ${int(per)} B (half of BF16's ${int(kvBytesPerToken(m))} B).`,
        `${p.poolGiB} GiB = ${int(p.poolGiB * GiB)} B; ÷ ${int(per)} B = ${int(value)} tokens.`,
        'The KV format is a backend (L3) setting; check accuracy parity before shipping it.',
      ],
    };
  },
};

export const DIAGNOSING_TEMPLATES = [bandwidthEfficiency, prefillStall, fp8KvTokens];
