// Self-check for chapter 24 (disaggregated prefill and decode): the KV hand-off time, how many decode GPUs one prefill
// GPU feeds, and what splitting a small deployment does to $/MTok.

import { getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import { usdPerMillionTokens } from '../../../src/engine/cost.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../../src/engine/memory.ts';
import { INTERCONNECTS, type Interconnect } from '../../../src/engine/parallel.ts';
import { prefillTime } from '../../../src/engine/prefill.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { bwText } from './pick.ts';

/** Models with full attention on every layer, so the cache grows with the whole prompt. */
const FULL_ATTENTION = ['llama-3.3-70b', 'llama-3.1-8b', 'qwen3-8b', 'qwen2.5-7b', 'mixtral-8x7b'] as const;

interface TransferParams {
  modelId: string;
  prompt: number;
  link: Interconnect;
}

export const kvTransfer: NumericTemplate<TransferParams> = {
  id: 'disaggregation/kv-transfer',
  topic: 'scheduling',
  title: 'Time to hand a prompt’s KV cache to the decode side',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(FULL_ATTENTION),
      prompt: rng.pick([1024, 4096, 8192, 16384, 32768]),
      link: rng.pick(['nvlink4', 'nvlink3', 'pcie5', 'pcie4'] as const),
    };
  },
  text(p) {
    const m = getModel(p.modelId);
    const l = INTERCONNECTS[p.link];
    return `In a disaggregated deployment of ${m.name} (BF16 KV cache of ${int(kvBytesPerToken(m))} bytes per token), a prefill instance hands a ${int(p.prompt)}-token prompt's cache to a decode instance over ${l.name} at ${int(l.bytesPerS / 1e9)} GB/s. Ignoring overlap with the prefill, how long does the transfer take? (±2%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const bytes = kvBytesForContext(m, p.prompt);
    const link = INTERCONNECTS[p.link].bytesPerS;
    return {
      value: bytes / link,
      steps: [
        `KV to ship: ${int(p.prompt)} tokens × ${int(kvBytesPerToken(m))} B = ${formatBytes(bytes, 'GB', 3)}.`,
        `${formatBytes(bytes, 'GB', 3)} ÷ ${int(link / 1e9)} GB/s = ${fixed((bytes / link) * 1e3, 2)} ms, added to TTFT unless it overlaps with the prefill.`,
      ],
    };
  },
};

interface PoolParams {
  gpuId: string;
  prompt: number;
  output: number;
  batch: number;
}

export const poolRatio: NumericTemplate<PoolParams> = {
  id: 'disaggregation/pool-ratio',
  topic: 'scheduling',
  title: 'Decode GPUs per prefill GPU',
  spec: { quantity: 'plain', unit: '', tolerance: 0.03 },
  generate(rng) {
    return {
      gpuId: rng.pick(['h100-sxm', 'h200', 'a100-sxm-80gb']),
      prompt: rng.pick([1000, 2000, 4000, 8000]),
      output: rng.pick([100, 200, 400, 800]),
      batch: rng.pick([8, 16, 32]),
    };
  },
  text(p) {
    const g = getGpu(p.gpuId);
    return `Llama 3.1 8B in BF16 is served disaggregated on ${g.name}s (${bwText(g)}). Every request has a ${int(p.prompt)}-token prompt and a ${int(p.output)}-token reply. A prefill GPU handles one prompt at a time at the engine's peak-rate prefill time; a decode GPU runs batches of ${p.batch} at the memory-bound ceiling, with every sequence at ${int(p.prompt + p.output / 2)} tokens of context. How many decode GPUs are needed per prefill GPU to keep both pools equally busy? (±3%)`;
  },
  solve(p) {
    const m = getModel('llama-3.1-8b');
    const g = getGpu(p.gpuId);
    const pre = prefillTime(m, g, { promptTokens: p.prompt, weightPrecision: 'bf16' });
    const dec = decodeStep(m, g, { weightPrecision: 'bf16', batch: p.batch, context: p.prompt + p.output / 2 });
    const decodeGpuS = (p.output * dec.stepTimeS) / p.batch;
    const value = decodeGpuS / pre.timeS;
    return {
      value,
      steps: [
        `Prefill GPU time per request: ${fixed(pre.timeS * 1e3, 2)} ms (${pre.regime}).`,
        `Decode: ${int(p.output)} steps of ${fixed(dec.stepTimeS * 1e3, 3)} ms shared by ${p.batch} sequences = ${fixed(decodeGpuS * 1e3, 2)} ms of GPU time per request.`,
        `Decode GPUs per prefill GPU = ${fixed(decodeGpuS * 1e3, 2)} ÷ ${fixed(pre.timeS * 1e3, 2)} = ${fixed(value, 3)}.`,
      ],
    };
  },
};

interface SplitParams {
  price: number;
  colocatedTps: number;
  gain: number;
}

export const splitCost: NumericTemplate<SplitParams> = {
  id: 'disaggregation/split-cost',
  topic: 'cost',
  title: '$/MTok after splitting a small deployment',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return {
      price: rng.pick([1.8, 2.2, 2.5, 3.0, 4.0]),
      colocatedTps: rng.pick([400, 600, 800, 1200, 1600]),
      gain: rng.pick([1.1, 1.2, 1.3, 1.4, 1.5]),
    };
  },
  text(p) {
    return `One GPU rented at $${fixed(p.price, 2)} per hour serves a chat workload at ${int(p.colocatedTps)} output tokens per second. Splitting it into one prefill GPU and one decode GPU (same price each) raises output to ${int(p.colocatedTps * p.gain)} tokens per second. What does a million output tokens cost after the split, in dollars? Give the number only. (±2%)`;
  },
  solve(p) {
    const before = usdPerMillionTokens(p.price, p.colocatedTps);
    const value = usdPerMillionTokens(2 * p.price, p.colocatedTps * p.gain);
    return {
      value,
      steps: [
        `Before: $${fixed(p.price, 2)} ÷ (${int(p.colocatedTps)} × 3,600) × 10⁶ = $${fixed(before, 3)} per million tokens.`,
        `After: $${fixed(2 * p.price, 2)} per hour for ${int(p.colocatedTps * p.gain)} tokens per second → $${fixed(value, 3)} per million.`,
        `The split costs ${fixed(value / before, 2)}× as much per token: twice the hardware for ${fixed(p.gain, 1)}× the tokens.`,
      ],
    };
  },
};

export const DISAGGREGATION_TEMPLATES = [kvTransfer, poolRatio, splitCost];
