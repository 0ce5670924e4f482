// Every figure the model-card chapter prints: what a config.json implies, worked for real checkpoints.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, kvBytesPerTokenMhaFormula, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { decodeStep, flopsPerToken } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

const llama8 = getModel('llama-3.1-8b');
const llama70 = getModel('llama-3.3-70b');
const qwen4 = getModel('qwen3-4b');
const mixtral = getModel('mixtral-8x7b');
const h100 = getGpu('h100-sxm');

const c8 = paramCounts(llama8);
const perLayer8 = (c8.total - c8.embedding - llama8.hiddenSize) / llama8.layers;
const ctx = 8192;
const step8 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: ctx });

const longCtx = llama70.maxContext;
const attn70 = flopsPerToken(llama70, longCtx) - flopsPerToken(llama70, 0);
const dense70 = flopsPerToken(llama70, 0);

const mix = paramCounts(mixtral);
const moe = mixtral.moe as NonNullable<typeof mixtral.moe>;
/** The formula a lecture gives for MoE active parameters (total ÷ experts × k), quoted to correct it (errata #9). */
const naiveActive = (mix.total / moe.experts) * moe.expertsPerToken;

/** The 001 self-check geometry (80 layers, 8 KV heads of 128, FP16) at two context lengths. */
const q3Short = 32768;
const q3Long = 262144;

export const modelCard = {
  model: llama8.name,
  gpu: h100.name,
  layers: llama8.layers,
  hidden: int(llama8.hiddenSize),
  heads: llama8.heads,
  kvHeads: llama8.kvHeads,
  headDim: llama8.headDim,
  ffn: int(llama8.intermediateSize),
  vocab: int(llama8.vocabSize),
  params: fixed(c8.total / 1e9, 2),
  paramsExact: int(c8.total),
  perLayer: int(perLayer8),
  embeddingB: fixed(c8.embedding / 1e9, 2),
  embeddingShare: fixed((c8.embedding / c8.total) * 100, 0),
  weightsGB: formatBytes(weightBytes(llama8, 'bf16'), 'GB'),
  kvPerToken: int(kvBytesPerToken(llama8)),
  kvTex: String.raw`k = 2 \times ${llama8.layers} \times ${llama8.kvHeads} \times ${llama8.headDim} \times 2\ \text{B} = ${int(kvBytesPerToken(llama8)).replace(/,/g, '{,}')}\ \text{B}`,
  ctx: int(ctx),
  kvAtCtxGB: formatBytes(kvBytesForContext(llama8, ctx), 'GB'),
  flopsAtCtxG: fixed(flopsPerToken(llama8, ctx) / 1e9, 1),
  flopsShortG: fixed(flopsPerToken(llama8, 0) / 1e9, 1),
  ceiling: fixed(step8.tokensPerSecondTotal, 0),
  stepMs: fixed(step8.stepTimeS * 1e3, 2),
  model70: llama70.name,
  longCtx: int(longCtx),
  attn70T: fixed(attn70 / 1e9, 0),
  dense70G: fixed(dense70 / 1e9, 0),
  attnRatio70: fixed(attn70 / dense70, 1),
  qwen: qwen4.name,
  qwenHidden: int(qwen4.hiddenSize),
  qwenQWidth: int(qwen4.heads * qwen4.headDim),
  qwenKvWidth: int(qwen4.kvHeads * qwen4.headDim),
  qwenKv: int(kvBytesPerToken(qwen4)),
  /** What sizing the cache from hidden_size would give (errata E001-3), to show why it is wrong. */
  qwenWrongKv: int(kvBytesPerTokenMhaFormula(qwen4)),
  mixtral: mixtral.name,
  mixExperts: moe.experts,
  mixK: moe.expertsPerToken,
  mixTotal: fixed(mix.total / 1e9, 2),
  mixActive: fixed(mix.active / 1e9, 2),
  mixNaive: fixed(naiveActive / 1e9, 2),
  q3Short: int(q3Short),
  q3Long: int(q3Long),
  q3ShortMB: fixed(kvBytesForContext(llama70, q3Short) / 1e6, 0),
  q3ShortGiB: fixed(kvBytesForContext(llama70, q3Short) / 2 ** 30, 0),
  q3LongGB: formatBytes(kvBytesForContext(llama70, q3Long), 'GB', 1),
  maxContext70: int(llama70.maxContext),
  layers70: llama70.layers,
  kvHeads70: llama70.kvHeads,
  headDim70: llama70.headDim,
};
