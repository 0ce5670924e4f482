// Self-check for chapter 7 (decoder, encoder, encoder–decoder): cache against weights, windows, cross-attention.
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { modelById, POOL, syntheticDecoder } from './pick.ts';

interface ShareParams {
  modelId: string;
  users: number;
  tokens: number;
}

const fullAttentionDense = POOL.filter((m) => m.moe === null && m.layerWindows.every((w) => w === null));

export const kvVsWeights: NumericTemplate<ShareParams> = {
  id: 'architectures/kv-vs-weights',
  topic: 'kv-sizing',
  title: 'KV cache of many users against the weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return {
      modelId: rng.pick(fullAttentionDense).id,
      users: rng.pick([4, 8, 10, 16, 32, 64]),
      tokens: rng.pick([1000, 2000, 4000, 8000, 16000]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    return `${m.name} has ${m.layers} layers with ${m.kvHeads} KV heads of dimension ${m.headDim}, and ${formatBytes(weightBytes(m, 'bf16'), 'GB')} of BF16 weights. ${p.users} users each hold a ${int(p.tokens)}-token conversation with a BF16 cache. What is their combined KV cache as a percentage of the weights? Give the number only (e.g. 37.5). (±1% of the answer)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const kv = p.users * kvBytesForContext(m, p.tokens);
    const w = weightBytes(m, 'bf16');
    const value = (kv / w) * 100;
    return {
      value,
      steps: [
        `Per token: 2 × ${m.layers} × ${m.kvHeads} × ${m.headDim} × 2 B = ${int(kvBytesPerToken(m))} B.`,
        `All users: ${p.users} × ${int(p.tokens)} × ${int(kvBytesPerToken(m))} B = ${formatBytes(kv, 'GB', 3)}.`,
        `${formatBytes(kv, 'GB', 3)} ÷ ${formatBytes(w, 'GB', 3)} = ${fixed(value, 2)}% of the weights.`,
      ],
    };
  },
};

interface WindowParams {
  layers: number;
  kvHeads: number;
  headDim: number;
  window: number;
  context: number;
}

export const slidingWindowKv: NumericTemplate<WindowParams> = {
  id: 'architectures/sliding-window-kv',
  topic: 'kv-sizing',
  title: 'KV cache with a sliding window',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      layers: rng.pick([24, 32, 40, 48]),
      kvHeads: rng.pick([4, 8]),
      headDim: rng.pick([64, 128]),
      window: rng.pick([1024, 2048, 4096, 8192]),
      context: rng.pick([512, 2048, 6000, 16384, 32768]),
    };
  },
  text(p) {
    return `A decoder has ${p.layers} layers, each with a sliding attention window of ${int(p.window)} tokens, and ${p.kvHeads} KV heads of dimension ${p.headDim} in FP16. How much KV cache does one sequence hold at ${int(p.context)} tokens of context? Answer in GB or GiB (or MB), with the unit. (±1%)`;
  },
  solve(p) {
    const m = syntheticDecoder(p);
    const perToken = kvBytesPerToken(m, 'fp16');
    const kept = Math.min(p.context, p.window);
    const value = kvBytesForContext(m, p.context, 'fp16');
    return {
      value,
      steps: [
        `Per token: 2 × ${p.layers} × ${p.kvHeads} × ${p.headDim} × 2 B = ${int(perToken)} B.`,
        `Each layer keeps min(${int(p.context)}, ${int(p.window)}) = ${int(kept)} tokens.`,
        `${int(kept)} × ${int(perToken)} B = ${formatBytes(value, 'GB', 4)} (${formatBytes(value, 'MB', 1)}).`,
      ],
    };
  },
};

interface CrossParams {
  layers: number;
  kvHeads: number;
  headDim: number;
  inputTokens: number;
}

export const crossAttentionKv: NumericTemplate<CrossParams> = {
  id: 'architectures/cross-attention-kv',
  topic: 'kv-sizing',
  title: 'Cross-attention cache of an encoder–decoder model',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.01 },
  generate(rng) {
    return {
      layers: rng.pick([6, 12, 24, 32]),
      kvHeads: rng.pick([8, 12, 16, 20]),
      headDim: rng.pick([64, 128]),
      inputTokens: rng.pick([512, 1500, 2048, 4096, 8192]),
    };
  },
  text(p) {
    return `An encoder–decoder model's decoder has ${p.layers} layers, each cross-attending with ${p.kvHeads} KV heads of dimension ${p.headDim} (FP16) to the encoder's output. The input is ${int(p.inputTokens)} tokens long. How big is the cross-attention cache the decoder keeps for the whole generation? Answer in MB (or MiB, GB), with the unit. (±1%)`;
  },
  solve(p) {
    const m = syntheticDecoder(p);
    const value = kvBytesForContext(m, p.inputTokens, 'fp16');
    return {
      value,
      steps: [
        'Each decoder layer holds keys and values for every input token, computed once from the encoder output.',
        `Per input token: 2 × ${p.layers} × ${p.kvHeads} × ${p.headDim} × 2 B = ${int(kvBytesPerToken(m, 'fp16'))} B.`,
        `× ${int(p.inputTokens)} tokens = ${formatBytes(value, 'MB', 1)}, fixed for the request; the self-attention cache grows on top of it.`,
      ],
    };
  },
};

export const ARCHITECTURES_TEMPLATES = [kvVsWeights, slidingWindowKv, crossAttentionKv];
