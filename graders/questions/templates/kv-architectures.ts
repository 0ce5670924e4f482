// KV sizing beyond plain grouped-query attention: MLA's latent cache, hybrid sliding/full layers, and how far the
// multi-head formula found in tutorials overshoots.
import {
  kvBytesForContext,
  kvBytesPerToken,
  kvBytesPerTokenMhaFormula,
  kvBytesPerTokenPerLayer,
} from '../../../src/engine/memory.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE_IDS, model, tokens, withArticle } from './pool.ts';

const MLA_IDS = ['deepseek-v3', 'deepseek-v2-lite'] as const;
const HYBRID_IDS = ['gemma-2-9b-it', 'gemma-3-12b-it', 'gpt-oss-20b'] as const;

interface MlaParams {
  modelId: string;
  context: number;
  kvPrecision: Precision;
}

export const kvMla: NumericTemplate<MlaParams> = {
  id: 'kv/mla',
  topic: 'kv-sizing',
  title: 'KV with multi-head latent attention',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      modelId: rng.pick(MLA_IDS),
      context: rng.pick([4096, 16384, 32768, 65536, 131072]),
      kvPrecision: rng.pick(['bf16', 'fp8'] as Precision[]),
    };
  },
  text(p) {
    const m = model(p.modelId);
    const mla = m.mla;
    return `${m.name} uses multi-head latent attention: each of its ${m.layers} layers caches one compressed latent of kv_lora_rank=${mla?.kvLoraRank} values plus a shared RoPE key of qk_rope_head_dim=${mla?.qkRopeHeadDim} per token, instead of keys and values for its ${m.heads} heads. How much KV cache does one ${tokens(p.context)}-token sequence hold with ${withArticle(PRECISION_LABEL[p.kvPrecision])} cache, in GB? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const mla = m.mla;
    const perToken = kvBytesPerToken(m, p.kvPrecision);
    const total = kvBytesForContext(m, p.context, p.kvPrecision);
    const mhaFormula = kvBytesPerTokenMhaFormula(m, p.kvPrecision);
    return {
      value: total,
      steps: [
        `Per token per layer: (${mla?.kvLoraRank} + ${mla?.qkRopeHeadDim}) × ${bytesPerElement(p.kvPrecision)} B; × ${m.layers} layers = ${int(perToken)} B.`,
        `× ${int(p.context)} tokens = ${formatBytes(total, 'GB')}.`,
        `The multi-head formula (2 × layers × hidden_size × bytes) would give ${int(mhaFormula)} B per token, ${fixed(mhaFormula / perToken, 0)}× more: the latent is what makes long contexts affordable for this model.`,
      ],
    };
  },
};

interface HybridParams {
  modelId: string;
  context: number;
}

export const kvHybrid: NumericTemplate<HybridParams> = {
  id: 'kv/hybrid-window',
  topic: 'kv-sizing',
  title: 'KV with interleaved sliding-window and full layers',
  spec: { quantity: 'bytes', unit: 'MB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(HYBRID_IDS), context: rng.pick([2048, 8192, 16384, 32768]) };
  },
  text(p) {
    const m = model(p.modelId);
    const windowed = m.layerWindows.filter((w) => w !== null);
    const w = windowed[0] ?? 0;
    return `${m.name} has ${m.layers} layers: ${windowed.length} attend over a sliding window of ${int(w)} tokens and ${m.layers - windowed.length} attend over the whole context. Each layer caches ${m.kvHeads} KV heads × ${m.headDim} dims in BF16. How much KV cache does one sequence of ${int(Math.min(p.context, m.maxContext))} tokens hold, in MB, if windowed layers drop what leaves their window? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const ctx = Math.min(p.context, m.maxContext);
    const windowed = m.layerWindows.filter((w) => w !== null);
    const w = windowed[0] ?? 0;
    const perLayerToken = kvBytesPerTokenPerLayer(m);
    const total = kvBytesForContext(m, ctx);
    const full = kvBytesPerToken(m) * ctx;
    return {
      value: total,
      steps: [
        `Per token per layer: 2 × ${m.kvHeads} × ${m.headDim} × 2 B = ${int(perLayerToken)} B.`,
        `Full layers: ${m.layers - windowed.length} × ${int(ctx)} tokens; windowed layers: ${windowed.length} × min(${int(ctx)}, ${int(w)}) tokens.`,
        `Total ${formatBytes(total, 'MB', 1)}, against ${formatBytes(full, 'MB', 1)} if every layer kept the whole context.`,
      ],
    };
  },
};

interface MythParams {
  modelId: string;
}

export const mhaMyth: NumericTemplate<MythParams> = {
  id: 'kv/mha-formula-error',
  topic: 'kv-sizing',
  title: 'How far off the multi-head formula is',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const modelId = rng.pick([...DENSE_IDS, 'mixtral-8x7b', 'qwen3-30b-a3b']);
      const m = model(modelId);
      if (m.layerWindows.every((w) => w === null) && m.kvHeads < m.heads) return { modelId };
    }
  },
  text(p) {
    const m = model(p.modelId);
    return `A tutorial sizes the KV cache as 2 × layers × hidden_size × 2 bytes per token. ${m.name} has num_hidden_layers=${m.layers}, hidden_size=${m.hiddenSize}, num_attention_heads=${m.heads}, num_key_value_heads=${m.kvHeads} and head_dim=${m.headDim}. By what factor does the tutorial's formula overstate its BF16 KV cache? (±1%)`;
  },
  solve(p) {
    const m = model(p.modelId);
    const wrong = kvBytesPerTokenMhaFormula(m);
    const right = kvBytesPerToken(m);
    return {
      value: wrong / right,
      steps: [
        `Tutorial: 2 × ${m.layers} × ${m.hiddenSize} × 2 B = ${int(wrong)} B per token.`,
        `Real: 2 × ${m.layers} × ${m.kvHeads} KV heads × ${m.headDim} × 2 B = ${int(right)} B per token.`,
        `Overstated ${fixed(wrong / right, 2)}×: the formula assumes one KV head per query head (and head_dim × heads = hidden_size).`,
      ],
    };
  },
};

export const KV_ARCHITECTURE_TEMPLATES = [kvMla, kvHybrid, mhaMyth];
