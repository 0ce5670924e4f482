// Self-check for chapter 23 (parallelism): weights each GPU holds under tensor parallelism, the all-reduce time of a
// step, and the pipeline bubble.

import { getModel } from '../../../src/engine/catalog/index.ts';
import {
  INTERCONNECTS,
  type Interconnect,
  pipelineBubbleFraction,
  TensorParallelInput,
  tensorParallelCost,
} from '../../../src/engine/parallel.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import { weightMemory } from '../../../src/engine/weights.ts';
import type { NumericTemplate } from '../template.ts';

/** The engine's fixed cost of one all-reduce call (launch and synchronisation). */
const T0 = TensorParallelInput.parse({ tp: 2, linkBytesPerS: 1 }).allReduceLatencyS;

/** Dense models whose attention and KV heads divide by 2, 4 and 8. */
const DENSE = ['llama-3.3-70b', 'llama-3.1-8b', 'qwen3-8b', 'mistral-7b-v0.1'] as const;

interface RankParams {
  modelId: string;
  precision: Precision;
  tp: number;
}

export const weightsPerRank: NumericTemplate<RankParams> = {
  id: 'parallelism/weights-per-rank',
  topic: 'parallelism',
  title: 'Weights per GPU under tensor parallelism',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(DENSE),
      precision: 'bf16',
      tp: rng.pick([2, 4, 8]),
    };
  },
  text(p) {
    const m = getModel(p.modelId);
    const total = weightMemory(m, { precision: p.precision }).totalBytes;
    return `${m.name} has ${formatBytes(total, 'GB')} of ${PRECISION_LABEL[p.precision]} weights. Served with tensor parallelism of degree ${p.tp}, roughly how many bytes of weights does each GPU hold? (The few small tensors every GPU keeps a copy of, such as norms, barely change the answer.) Answer in GB or GiB, with the unit. (±2%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const w = weightMemory(m, { precision: p.precision, tp: p.tp });
    return {
      value: w.perRankBytes,
      steps: [
        `Every weight matrix is split ${p.tp} ways, and the embedding table and output head are split by vocabulary.`,
        `${formatBytes(w.totalBytes, 'GB')} ÷ ${p.tp} = ${formatBytes(w.totalBytes / p.tp, 'GB', 3)}; counting the replicated norms the engine gives ${formatBytes(w.perRankBytes, 'GB', 3)} per GPU.`,
        'The KV cache is split the same way: each GPU keeps only its own KV heads.',
      ],
    };
  },
};

interface CommParams {
  modelId: string;
  tp: number;
  tokens: number;
  link: Interconnect;
}

export const allreduceTime: NumericTemplate<CommParams> = {
  id: 'parallelism/allreduce-time',
  topic: 'parallelism',
  title: 'All-reduce time of a tensor-parallel step',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(DENSE),
      tp: rng.pick([2, 4, 8]),
      tokens: rng.pick([1, 8, 64, 512, 2048, 8192]),
      link: rng.pick(['nvlink4', 'nvlink3', 'pcie5', 'pcie4'] as const),
    };
  },
  text(p) {
    const m = getModel(p.modelId);
    const l = INTERCONNECTS[p.link];
    return `${m.name} (${m.layers} layers, hidden size ${int(m.hiddenSize)}) runs with tensor parallelism of degree ${p.tp} over ${l.name} at ${int(l.bytesPerS / 1e9)} GB/s per direction. A step processes ${int(p.tokens)} tokens. Each layer does two all-reduces of a BF16 activation per token; a ring all-reduce sends 2(N − 1)/N of the message from each GPU, plus a fixed ${fixed(T0 * 1e6, 0)} µs per call. How long does the step spend in all-reduces? (±2%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const link = INTERCONNECTS[p.link].bytesPerS;
    const c = tensorParallelCost(m, { tp: p.tp, batch: p.tokens, linkBytesPerS: link });
    return {
      value: c.commTimePerStepS,
      steps: [
        `Message per all-reduce: ${int(p.tokens)} × ${int(m.hiddenSize)} × 2 B = ${formatBytes(c.messageBytes, 'MB', 3)}; each GPU sends 2 × ${p.tp - 1} ÷ ${p.tp} of it, ${formatBytes(c.bytesSentPerGpu, 'MB', 3)}.`,
        `One all-reduce: ${fixed(T0 * 1e6, 0)} µs + ${formatBytes(c.bytesSentPerGpu, 'MB', 3)} ÷ ${int(link / 1e9)} GB/s = ${fixed((c.commTimePerStepS / c.allReducesPerStep) * 1e6, 2)} µs.`,
        `${c.allReducesPerStep} all-reduces per step (2 × ${m.layers} layers): ${fixed(c.commTimePerStepS * 1e3, 3)} ms.`,
      ],
    };
  },
};

interface BubbleParams {
  stages: number;
  micro: number;
}

export const bubble: NumericTemplate<BubbleParams> = {
  id: 'parallelism/bubble',
  topic: 'parallelism',
  title: 'Idle share of a pipeline',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    return { stages: rng.pick([2, 3, 4, 6, 8]), micro: rng.pick([1, 2, 3, 4, 8, 16, 32]) };
  },
  text(p) {
    return `A model is split into a pipeline of ${p.stages} stages on ${p.stages} GPUs, and ${p.micro} micro-batch${p.micro === 1 ? ' is' : 'es are'} pushed through it together. What percentage of the GPUs' time is lost to the pipeline filling and draining (the bubble)? Give the number only (e.g. 25 for 25%). (±2% of the answer)`;
  },
  solve(p) {
    const f = pipelineBubbleFraction(p.stages, p.micro);
    return {
      value: f * 100,
      steps: [
        `With p stages and m micro-batches, the schedule takes m + p − 1 slots and each stage is busy for m of them.`,
        `Idle share = (p − 1) ÷ (m + p − 1) = ${p.stages - 1} ÷ ${p.micro + p.stages - 1} = ${fixed(f * 100, 2)}%.`,
        p.micro === 1
          ? 'With a single request in flight, only one stage works at a time: a pipeline never shortens one request.'
          : 'More requests in flight shrink the bubble; none of them gets through faster than the sum of the stages.',
      ],
    };
  },
};

export const PARALLELISM_TEMPLATES = [weightsPerRank, allreduceTime, bubble];
