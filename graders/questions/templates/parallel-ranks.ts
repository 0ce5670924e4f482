// Splitting a model across GPUs: what each tensor-parallel rank stores, and the idle share of a pipeline.
import { kvBytesPerToken } from '../../../src/engine/memory.ts';
import { pipelineBubbleFraction } from '../../../src/engine/parallel.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { model } from './pool.ts';

interface KvRankParams {
  modelId: string;
  tp: number;
}

const TP_MODELS = ['llama-3.3-70b', 'llama-3.1-8b', 'qwen2.5-7b', 'qwen3-8b', 'mixtral-8x7b', 'qwen3-30b-a3b'] as const;

export const kvPerRank: NumericTemplate<KvRankParams> = {
  id: 'parallel/kv-per-rank',
  topic: 'parallelism',
  title: 'KV bytes per token on each tensor-parallel GPU',
  spec: { quantity: 'bytes', unit: 'KiB', tolerance: 0.005 },
  generate(rng) {
    for (;;) {
      const modelId = rng.pick(TP_MODELS);
      const tp = rng.pick([2, 4, 8, 16]);
      const m = model(modelId);
      // Servers require tp to divide the attention heads, and to divide or be a multiple of the KV heads.
      if (m.heads % tp === 0 && (m.kvHeads % tp === 0 || tp % m.kvHeads === 0)) return { modelId, tp };
    }
  },
  text(p) {
    const m = model(p.modelId);
    return `${m.name} (${m.layers} layers, ${m.heads} attention heads, ${m.kvHeads} KV heads × ${m.headDim} dims) runs with tensor parallelism across ${p.tp} GPUs and a BF16 KV cache. How many KiB of KV cache does one token add on each GPU? (±0.5%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const per = kvBytesPerToken(m, 'bf16', { tp: p.tp });
    const heads = Math.max(1, m.kvHeads / p.tp);
    return {
      value: per,
      steps: [
        p.tp <= m.kvHeads
          ? `The ${m.kvHeads} KV heads are split ${p.tp} ways: ${heads} per GPU.`
          : `There are fewer KV heads (${m.kvHeads}) than GPUs (${p.tp}), so each head is replicated: every GPU still holds one.`,
        `2 × ${m.layers} layers × ${heads} head${heads === 1 ? '' : 's'} × ${m.headDim} × 2 B = ${int(per)} B = ${fixed(per / 1024, 2)} KiB per GPU.`,
        p.tp > m.kvHeads
          ? 'Past the KV-head count, adding GPUs no longer shrinks the KV each one holds.'
          : 'Each GPU holds 1/tp of the cache, so tensor parallelism also multiplies KV capacity.',
      ],
    };
  },
};

interface BubbleParams {
  stages: number;
  microbatches: number;
}

export const bubble: NumericTemplate<BubbleParams> = {
  id: 'parallel/pipeline-bubble',
  topic: 'parallelism',
  title: 'Idle share of a pipeline',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.01 },
  generate(rng) {
    return { stages: rng.pick([2, 4, 8]), microbatches: rng.pick([1, 2, 4, 8, 16, 32]) };
  },
  text(p) {
    return `A model is split into ${p.stages} pipeline stages on ${p.stages} nodes. A batch is fed through as ${p.microbatches} micro-batch${p.microbatches === 1 ? '' : 'es'}, with a simple fill-and-drain (GPipe) schedule and equal stage times. What share of the stages' time is idle (the bubble), in percent? (±1%)`;
  },
  solve(p) {
    const f = pipelineBubbleFraction(p.stages, p.microbatches);
    return {
      value: f,
      steps: [
        `Bubble = (p − 1) ÷ (m + p − 1) = ${p.stages - 1} ÷ ${p.microbatches + p.stages - 1} = ${fixed(f * 100, 1)}%.`,
        p.microbatches === 1
          ? 'With one micro-batch only one stage works at a time: pipelining adds capacity, not speed, for a single request.'
          : 'More micro-batches amortize the fill and drain; a single request still passes through every stage in turn, so its latency does not fall.',
      ],
    };
  },
};

export const PARALLEL_RANK_TEMPLATES = [kvPerRank, bubble];
