// Self-check for chapter 6 (dense and mixture-of-experts): active parameters, experts a batch touches, bytes read.
import { getModel, modelFromConfig } from '../../../src/engine/catalog/index.ts';
import { weightBytes, weightBytesReadPerStep } from '../../../src/engine/memory.ts';
import { expertFractionTouched, paramCounts } from '../../../src/engine/params.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface MoeShape {
  hidden: number;
  layers: number;
  experts: number;
  k: number;
  expertWidth: number;
}

/** A made-up Mixtral-style model with this shape, read through the engine's own config parser. */
function moeModel(p: MoeShape) {
  return modelFromConfig(
    {
      model_type: 'mixtral',
      hidden_size: p.hidden,
      intermediate_size: p.expertWidth,
      num_hidden_layers: p.layers,
      num_attention_heads: p.hidden / 128,
      num_key_value_heads: 8,
      vocab_size: 32000,
      max_position_embeddings: 32768,
      num_local_experts: p.experts,
      num_experts_per_tok: p.k,
      torch_dtype: 'bfloat16',
    },
    { id: 'question', name: 'question model' },
  );
}

export const activeParams: NumericTemplate<MoeShape> = {
  id: 'dense-and-moe/active-params',
  topic: 'moe-active-params',
  title: 'Active parameters of a mixture-of-experts model',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    const experts = rng.pick([4, 8, 16, 32, 64]);
    return {
      hidden: rng.pick([2048, 3072, 4096, 6144]),
      layers: rng.pick([16, 24, 32, 48]),
      experts,
      k: rng.pick([1, 2, 4, 8].filter((k) => k < experts)),
      expertWidth: rng.pick([1024, 1408, 2048, 4096, 8192, 14336]),
    };
  },
  text(p) {
    const c = paramCounts(moeModel(p));
    const perExpert = c.experts / (p.experts * p.layers);
    return `A mixture-of-experts model has ${fixed(c.total / 1e9, 3)} billion parameters in total: ${fixed((c.total - c.experts) / 1e9, 3)} billion shared (attention, embeddings, norms, routers) and ${p.experts} experts in each of its ${p.layers} layers, each expert holding ${fixed(perExpert / 1e6, 3)} million parameters. Each token is routed to ${p.k} experts per layer. How many parameters are active per token, in billions? Give the number only. (±1%)`;
  },
  solve(p) {
    const c = paramCounts(moeModel(p));
    const shared = c.total - c.experts;
    const perExpert = c.experts / (p.experts * p.layers);
    return {
      value: c.active / 1e9,
      steps: [
        'Active = shared parameters + k experts in every layer (not total ÷ experts × k).',
        `${fixed(shared / 1e9, 3)} B + ${p.k} × ${p.layers} × ${fixed(perExpert / 1e6, 3)} M = ${fixed(c.active / 1e9, 3)} B.`,
        `The naive formula would give ${fixed(((c.total / p.experts) * p.k) / 1e9, 3)} B.`,
      ],
    };
  },
};

interface TouchParams {
  experts: number;
  k: number;
  batch: number;
}

export const expertsTouched: NumericTemplate<TouchParams> = {
  id: 'dense-and-moe/experts-touched',
  topic: 'moe-active-params',
  title: 'Share of experts a decode batch touches',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    const experts = rng.pick([8, 16, 32, 64, 128, 256]);
    return {
      experts,
      k: rng.pick([1, 2, 4, 8].filter((k) => k < experts)),
      batch: rng.pick([1, 2, 3, 4, 6, 8, 12, 16]),
    };
  },
  text(p) {
    return `An MoE layer has ${p.experts} experts and routes each token to ${p.k} of them. A decode step carries ${p.batch} token(s), each routed independently and uniformly. What percentage of the layer's experts does the step expect to read? Give the number only (e.g. 42.5). (±1% of the answer)`;
  },
  solve(p) {
    const m = moeModel({ hidden: 4096, layers: 1, experts: p.experts, k: p.k, expertWidth: 1024 });
    const value = expertFractionTouched(m, p.batch) * 100;
    return {
      value,
      steps: [
        `One token misses a given expert with probability 1 − ${p.k}/${p.experts} = ${fixed(1 - p.k / p.experts, 4)}.`,
        `All ${p.batch} miss it with probability ${fixed(1 - p.k / p.experts, 4)}^${p.batch} = ${fixed(1 - value / 100, 4)}.`,
        `So the step reads 1 − ${fixed(1 - value / 100, 4)} = ${fixed(value, 2)}% of the experts.`,
      ],
    };
  },
};

interface BytesParams {
  precision: Precision;
  batch: number;
}

const mixtral = getModel('mixtral-8x7b');

export const bytesPerStep: NumericTemplate<BytesParams> = {
  id: 'dense-and-moe/bytes-per-step',
  topic: 'moe-active-params',
  title: 'Weight bytes an MoE decode step reads',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      precision: rng.pick(['bf16', 'fp8', 'int8', 'int4'] as const),
      batch: rng.pick([1, 2, 3, 4, 5, 6, 8, 12, 16]),
    };
  },
  text(p) {
    const c = paramCounts(mixtral);
    const moe = mixtral.moe as NonNullable<typeof mixtral.moe>;
    return `In ${PRECISION_LABEL[p.precision]}, ${mixtral.name} holds ${formatBytes(weightBytes(mixtral, p.precision) * ((c.total - c.experts) / c.total), 'GB', 3)} of shared weights and ${formatBytes(weightBytes(mixtral, p.precision) * (c.experts / c.total), 'GB', 3)} of expert weights (${moe.experts} experts per layer, ${moe.expertsPerToken} per token). A decode step carries ${p.batch} token(s) routed uniformly at random. How many bytes of weights does the step expect to read? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const c = paramCounts(mixtral);
    const share = expertFractionTouched(mixtral, p.batch);
    const value = weightBytesReadPerStep(mixtral, p.precision, p.batch);
    const total = weightBytes(mixtral, p.precision);
    const moe = mixtral.moe as NonNullable<typeof mixtral.moe>;
    return {
      value,
      steps: [
        `Share of experts touched: 1 − (1 − ${moe.expertsPerToken}/${moe.experts})^${p.batch} = ${fixed(share * 100, 2)}%.`,
        `Shared weights are always read: ${formatBytes((total * (c.total - c.experts)) / c.total, 'GB', 3)}; experts: ${formatBytes((total * c.experts) / c.total, 'GB', 3)} × ${fixed(share, 4)}.`,
        `Total ≈ ${formatBytes(value, 'GB', 3)} of the model's ${formatBytes(total, 'GB', 3)}.`,
      ],
    };
  },
};

export const DENSE_AND_MOE_TEMPLATES = [activeParams, expertsTouched, bytesPerStep];
