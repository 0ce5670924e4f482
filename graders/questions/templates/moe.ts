import { CATALOG_MODELS, modelFromConfig } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { expertFractionTouched, paramCounts } from '../../../src/engine/params.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { ChoiceTemplate, NumericTemplate } from '../template.ts';
import { billions, model } from './pool.ts';

/** A real MoE checkpoint, or a hypothetical one built from Mixtral's config.json with other expert counts. */
interface MoeDraw {
  /** A catalog model, or null for the hypothetical Mixtral-style checkpoint described by the other fields. */
  modelId: string | null;
  experts: number;
  perToken: number;
  layers: number;
  expertWidth: number;
}

const MIXTRAL = 'mixtral-8x7b';
const REAL_MOE = [
  'mixtral-8x7b',
  'qwen3-30b-a3b',
  'gpt-oss-20b',
  'qwen1.5-moe-a2.7b',
  'deepseek-v2-lite',
  'deepseek-v3',
];

function drawMoe(rng: Random): MoeDraw {
  if (rng.next() < 0.4) {
    const m = model(rng.pick(REAL_MOE));
    const moe = m.moe as NonNullable<Model['moe']>;
    return {
      modelId: m.id,
      experts: moe.experts,
      perToken: moe.expertsPerToken,
      layers: m.layers,
      expertWidth: moe.expertIntermediateSize,
    };
  }
  const experts = rng.pick([8, 16, 32, 64]);
  const perToken = rng.pick([1, 2, 4, 8].filter((k) => k < experts));
  return {
    modelId: null,
    experts,
    perToken,
    layers: rng.pick([16, 24, 32]),
    expertWidth: rng.pick([1024, 2048, 4096, 8192, 14336]),
  };
}

/** The engine reads the hypothetical checkpoint from a config.json, exactly as it reads real ones. */
function moeModel(d: MoeDraw): Model {
  if (d.modelId !== null) return model(d.modelId);
  const base = CATALOG_MODELS.find((c) => c.id === MIXTRAL);
  if (!base) throw new Error('Mixtral is missing from the catalog');
  const config = {
    ...(base.config as Record<string, unknown>),
    num_local_experts: d.experts,
    num_experts_per_tok: d.perToken,
    num_hidden_layers: d.layers,
    intermediate_size: d.expertWidth,
  };
  return modelFromConfig(config, { id: 'moe-example', name: 'a Mixtral-style model' });
}

const describeMoe = (d: MoeDraw, m: Model) =>
  d.modelId !== null
    ? m.name
    : `A Mixtral-style checkpoint (${d.layers} layers, ${d.experts} experts per layer, expert width ${int(d.expertWidth)})`;

export const activeParams: NumericTemplate<MoeDraw> = {
  id: 'moe/active-params',
  topic: 'moe',
  title: 'Active parameters of a mixture-of-experts model',
  spec: { quantity: 'count', unit: 'B', tolerance: 0.01 },
  generate: drawMoe,
  text(p) {
    const m = moeModel(p);
    const c = paramCounts(m);
    return `${describeMoe(p, m)} has ${billions(c.total)} parameters in total, of which ${billions(c.experts)} sit in the routed experts (all layers together). Each token is routed to ${p.perToken} of the ${p.experts} routed experts in every MoE layer. How many parameters does one token use (the active parameters), in billions? (±1%)`;
  },
  solve(p) {
    const m = moeModel(p);
    const c = paramCounts(m);
    const shared = c.total - c.experts;
    return {
      value: c.active,
      steps: [
        `Shared parameters every token uses (attention, embeddings, norms, routers, and any shared experts or dense layers): ${billions(c.total)} − ${billions(c.experts)} = ${billions(shared)}.`,
        `Routed experts a token uses: ${p.perToken}/${p.experts} of ${billions(c.experts)} = ${billions(c.active - shared)}.`,
        `Active = ${billions(shared)} + ${billions(c.active - shared)} = ${billions(c.active)}.`,
        `The shortcut total ÷ ${p.experts} × ${p.perToken} = ${billions((c.total / p.experts) * p.perToken)} ignores that the shared part is not divided among experts.`,
      ],
    };
  },
};

interface FractionParams extends MoeDraw {
  batch: number;
}

export const expertsTouched: NumericTemplate<FractionParams> = {
  id: 'moe/experts-touched',
  topic: 'moe',
  title: 'Share of expert weights a decode step reads',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.01 },
  generate(rng) {
    return { ...drawMoe(rng), batch: rng.pick([1, 2, 4, 8, 16, 32]) };
  },
  text(p) {
    const m = moeModel(p);
    return `${describeMoe(p, m)} routes each token to ${p.perToken} of ${p.experts} experts per layer. In one decode step for a batch of ${p.batch} sequences, assuming every token picks its experts independently and uniformly, what share of the expert weights must the step read, in percent? (±1%)`;
  },
  solve(p) {
    const m = moeModel(p);
    const f = expertFractionTouched(m, p.batch);
    const miss = 1 - p.perToken / p.experts;
    return {
      value: f,
      steps: [
        `One token skips a given expert with probability 1 − ${p.perToken}/${p.experts} = ${fixed(miss, 4)}.`,
        `All ${p.batch} tokens skip it with probability ${fixed(miss, 4)}^${p.batch} = ${fixed(miss ** p.batch, 4)}.`,
        `So the step reads 1 − ${fixed(miss ** p.batch, 4)} = ${fixed(f * 100, 1)}% of the expert weights. The saving of MoE in decode fades quickly as the batch grows.`,
      ],
    };
  },
};

export const whatMoeSaves: ChoiceTemplate<MoeDraw> = {
  kind: 'choice',
  id: 'moe/what-it-saves',
  topic: 'moe',
  title: 'What a mixture of experts saves',
  generate: drawMoe,
  text(p) {
    const m = moeModel(p);
    const c = paramCounts(m);
    return `${describeMoe(p, m)} has ${billions(c.total)} parameters, ${billions(c.active)} of them active per token. Compared with serving a dense model of ${billions(c.total)}, what does it save?`;
  },
  options(p) {
    const m = moeModel(p);
    const c = paramCounts(m);
    return [
      {
        label: 'FLOPs and weight reads per token at small batches, but not memory: every expert must stay loaded',
        correct: true,
        explanation: `Each token multiplies only ${billions(c.active)} parameters, yet any token may route to any expert, so all ${billions(c.total)} must be resident.`,
      },
      {
        label: `Memory: only the ${billions(c.active)} active parameters need to be loaded`,
        correct: false,
        explanation:
          'The router picks experts per token and per layer, so every expert must be in memory; VRAM is sized by the total.',
      },
      {
        label: `KV-cache size, which shrinks by ${p.experts / p.perToken}× because fewer experts run`,
        correct: false,
        explanation: 'Experts replace the MLP; the KV cache comes from attention, which every token runs in full.',
      },
      {
        label: 'Nothing at batch 1; the savings appear only at large batches',
        correct: false,
        explanation:
          'It is the other way round: at batch 1 a step reads only the chosen experts; large batches touch nearly all of them.',
      },
    ];
  },
  solve(p) {
    const m = moeModel(p);
    const c = paramCounts(m);
    return {
      steps: [
        `Compute per token: about 2 × ${billions(c.active)} FLOPs instead of 2 × ${billions(c.total)}.`,
        `Memory: all ${billions(c.total)} parameters stay resident.`,
        `Decode reads: at batch 1 only ${fixed(expertFractionTouched(m, 1) * 100, 0)}% of expert weights; at batch 16, ${fixed(expertFractionTouched(m, 16) * 100, 0)}%.`,
      ],
    };
  },
};

export const MOE_TEMPLATES = [activeParams, expertsTouched, whatMoeSaves];
