import type { Model } from './catalog/model.ts';

export type WeightKind =
  | 'embedding'
  | 'lmHead'
  | 'attention'
  | 'mlp'
  | 'sharedExpert'
  | 'expert'
  | 'router'
  | 'norm'
  | 'sink'
  | 'vision';

/**
 * One kind of tensor in a checkpoint: `count` stored copies (experts) of a `rows` × `cols` array, of which a
 * token uses `active`. Names follow Hugging Face module paths so quantization configs' ignore lists match them.
 */
export interface WeightGroup {
  name: string;
  kind: WeightKind;
  layer: number | null;
  /** Output features of a matrix (the length of a vector). */
  rows: number;
  /** Input features of a matrix (1 for a vector). */
  cols: number;
  count: number;
  active: number;
  /** A Linear weight, which a quantization scheme may cover; biases, norms and embedding tables never are. */
  matrix: boolean;
  /** How tensor parallelism places it: split across ranks, replicated on each, or split by KV head. */
  tp: 'split' | 'replicate' | 'kv';
}

const cache = new WeakMap<Model, WeightGroup[]>();

const NORM_NAMES = [
  'input_layernorm',
  'post_attention_layernorm',
  'pre_feedforward_layernorm',
  'post_feedforward_layernorm',
];

function attentionGroups(m: Model, layer: number, p: string): WeightGroup[] {
  const g: WeightGroup[] = [];
  const add = (
    name: string,
    rows: number,
    cols: number,
    tp: WeightGroup['tp'],
    matrix = true,
    kind: WeightKind = 'attention',
  ) => g.push({ name: `${p}.self_attn.${name}`, kind, layer, rows, cols, count: 1, active: 1, matrix, tp });
  const h = m.hiddenSize;
  if (m.mla) {
    const a = m.mla;
    const qWidth = m.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim);
    if (a.qLoraRank === null) add('q_proj', qWidth, h, 'split');
    else {
      add('q_a_proj', a.qLoraRank, h, 'replicate');
      add('q_a_layernorm', a.qLoraRank, 1, 'replicate', false, 'norm');
      add('q_b_proj', qWidth, a.qLoraRank, 'split');
    }
    add('kv_a_proj_with_mqa', a.kvLoraRank + a.qkRopeHeadDim, h, 'replicate');
    add('kv_a_layernorm', a.kvLoraRank, 1, 'replicate', false, 'norm');
    add('kv_b_proj', m.heads * (a.qkNopeHeadDim + a.vHeadDim), a.kvLoraRank, 'split');
    add('o_proj', h, m.heads * a.vHeadDim, 'split');
    return g;
  }
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  add('q_proj', q, h, 'split');
  add('k_proj', kv, h, 'kv');
  add('v_proj', kv, h, 'kv');
  add('o_proj', h, q, 'split');
  if (m.qkvBias) {
    add('q_proj.bias', q, 1, 'split', false);
    add('k_proj.bias', kv, 1, 'kv', false);
    add('v_proj.bias', kv, 1, 'kv', false);
  }
  if (m.oBias) add('o_proj.bias', h, 1, 'replicate', false);
  if (m.qkNorm) {
    add('q_norm', m.headDim, 1, 'replicate', false, 'norm');
    add('k_norm', m.headDim, 1, 'replicate', false, 'norm');
  }
  if (m.attentionSinks) add('sinks', m.heads, 1, 'split', false, 'sink');
  return g;
}

function gatedMlp(
  prefix: string,
  layer: number,
  hidden: number,
  width: number,
  kind: WeightKind,
  names: [string, string, string],
  bias: boolean,
): WeightGroup[] {
  const [gate, up, down] = names;
  const one = (name: string, rows: number, cols: number, matrix = true): WeightGroup => ({
    name: `${prefix}.${name}`,
    kind,
    layer,
    rows,
    cols,
    count: 1,
    active: 1,
    matrix,
    tp: 'split',
  });
  const g = [one(gate, width, hidden), one(up, width, hidden), one(down, hidden, width)];
  if (bias)
    g.push(
      one(`${gate}.bias`, width, 1, false),
      one(`${up}.bias`, width, 1, false),
      one(`${down}.bias`, hidden, 1, false),
    );
  return g;
}

function moeGroups(m: Model, layer: number, p: string): WeightGroup[] {
  const moe = m.moe;
  if (!moe) return [];
  const h = m.hiddenSize;
  const w = moe.expertIntermediateSize;
  const { experts: e, expertsPerToken: k } = moe;
  const t = m.modelType;
  const g: WeightGroup[] = [];
  const expert = (name: string, rows: number, cols: number, matrix = true) =>
    g.push({ name, kind: 'expert', layer, rows, cols, count: e, active: k, matrix, tp: 'split' });
  const router = (name: string, rows: number, matrix: boolean) =>
    g.push({ name, kind: 'router', layer, rows, cols: matrix ? h : 1, count: 1, active: 1, matrix, tp: 'replicate' });
  if (t === 'mixtral') {
    router(`${p}.block_sparse_moe.gate`, e, true);
    expert(`${p}.block_sparse_moe.experts.*.w1`, w, h);
    expert(`${p}.block_sparse_moe.experts.*.w3`, w, h);
    expert(`${p}.block_sparse_moe.experts.*.w2`, h, w);
    return g;
  }
  if (t === 'gpt_oss') {
    router(`${p}.mlp.router`, e, true);
    if (moe.routerBias) router(`${p}.mlp.router.bias`, e, false);
    // gpt-oss stores gate and up fused in one [experts, hidden, 2 × width] tensor.
    expert(`${p}.mlp.experts.gate_up_proj`, 2 * w, h);
    expert(`${p}.mlp.experts.down_proj`, h, w);
    if (moe.expertBias) {
      expert(`${p}.mlp.experts.gate_up_proj_bias`, 2 * w, 1, false);
      expert(`${p}.mlp.experts.down_proj_bias`, h, 1, false);
    }
    return g;
  }
  router(`${p}.mlp.gate`, e, true);
  if (moe.routerCorrectionBias) router(`${p}.mlp.gate.e_score_correction_bias`, e, false);
  expert(`${p}.mlp.experts.*.gate_proj`, w, h);
  expert(`${p}.mlp.experts.*.up_proj`, w, h);
  expert(`${p}.mlp.experts.*.down_proj`, h, w);
  const shared = moe.sharedExpertIntermediateSize ?? 0;
  if (shared > 0) {
    const name = t.startsWith('deepseek') ? 'shared_experts' : 'shared_expert';
    g.push(
      ...gatedMlp(`${p}.mlp.${name}`, layer, h, shared, 'sharedExpert', ['gate_proj', 'up_proj', 'down_proj'], false),
    );
    if (moe.sharedExpertGate) router(`${p}.mlp.shared_expert_gate`, 1, true);
  }
  return g;
}

/** Every tensor group of a model's checkpoint, derived from its architecture (memoised per model). */
export function weightInventory(m: Model): readonly WeightGroup[] {
  const hit = cache.get(m);
  if (hit) return hit;
  const h = m.hiddenSize;
  const groups: WeightGroup[] = [
    {
      name: 'model.embed_tokens',
      kind: 'embedding',
      layer: null,
      rows: m.vocabSize,
      cols: h,
      count: 1,
      active: 1,
      matrix: false,
      tp: 'split',
    },
  ];
  const dense = new Set(m.moe?.denseLayers ?? []);
  const norms = NORM_NAMES.slice(0, m.normsPerLayer ?? 2);
  if (norms.length < (m.normsPerLayer ?? 2)) throw new RangeError('at most four norms per layer are modelled');
  for (let i = 0; i < m.layers; i++) {
    const p = `model.layers.${i}`;
    groups.push(...attentionGroups(m, i, p));
    if (m.moe && !dense.has(i)) groups.push(...moeGroups(m, i, p));
    else
      groups.push(
        ...gatedMlp(
          `${p}.mlp`,
          i,
          h,
          m.intermediateSize,
          'mlp',
          ['gate_proj', 'up_proj', 'down_proj'],
          m.mlpBias === true,
        ),
      );
    for (const n of norms)
      groups.push({
        name: `${p}.${n}`,
        kind: 'norm',
        layer: i,
        rows: h,
        cols: 1,
        count: 1,
        active: 1,
        matrix: false,
        tp: 'replicate',
      });
  }
  groups.push({
    name: 'model.norm',
    kind: 'norm',
    layer: null,
    rows: h,
    cols: 1,
    count: 1,
    active: 1,
    matrix: false,
    tp: 'replicate',
  });
  if (!m.tiedEmbeddings) {
    groups.push({
      name: 'lm_head',
      kind: 'lmHead',
      layer: null,
      rows: m.vocabSize,
      cols: h,
      count: 1,
      active: 1,
      matrix: true,
      tp: 'split',
    });
  }
  if (m.vision) {
    // The image encoder runs on images, not per generated token: stored, never active in decode.
    groups.push({
      name: 'vision_tower',
      kind: 'vision',
      layer: null,
      rows: m.vision.params,
      cols: 1,
      count: 1,
      active: 0,
      matrix: false,
      tp: 'split',
    });
    groups.push({
      name: 'multi_modal_projector',
      kind: 'vision',
      layer: null,
      rows: m.vision.projector,
      cols: 1,
      count: 1,
      active: 0,
      matrix: false,
      tp: 'split',
    });
  }
  cache.set(m, groups);
  return groups;
}

/** Elements stored by one group (all copies). */
export function groupParams(g: WeightGroup): number {
  return g.rows * g.cols * g.count;
}
