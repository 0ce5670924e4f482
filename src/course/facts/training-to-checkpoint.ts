// Every figure the training-to-checkpoint chapter prints: what training holds that inference drops, and the
// autoregressive loop that inference runs instead.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../engine/precision.ts';
import { prefillEstimate, prefillTime } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { trainingStateBytes } from '../../engine/training.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

const llama8 = getModel('llama-3.1-8b');
const llama70 = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');

/**
 * Measurements and claims the chapter quotes, with their sources:
 * - manualMultiplier, manualTrainingGB: source 004 §0.1 and §0.7 ("params × 6", "about 420GB"), corrected by errata #3.
 * - llama405Tokens, llama405BatchTokens: Llama 3 paper (arXiv:2407.21783), 15.6T tokens, batches up to 16M tokens
 *   (errata E004-03).
 * - llama3Tokens: Meta's Llama 3 announcement, "pretrained on over 15T tokens" (ai.meta.com/blog/meta-llama-3).
 * - chinchillaTokensPerParam: Hoffmann et al. 2022 (arXiv:2203.15556), about 20 tokens per parameter.
 */
export const QUOTED = {
  manualMultiplier: 6,
  manualTrainingGB: '420 GB',
  llama405Tokens: 15.6e12,
  llama405BatchTokens: 16e6,
  llama3Tokens: 15e12,
  chinchillaTokensPerParam: 20,
} as const;

const train70 = trainingStateBytes(llama70);
const b16 = bytesPerElement('bf16');
const b32 = bytesPerElement('fp32');
const perParam = trainingStateBytes(llama70) / paramCounts(llama70).total;
const train8 = trainingStateBytes(llama8);
const gpusFor = (bytes: number) => Math.ceil(bytes / h100.memoryBytes);

/** Memory for each model: training state, then the weights alone at three serving precisions. */
const PRECISIONS: Precision[] = ['bf16', 'int8', 'int4'];
export const memoryRows = [llama8, llama70].flatMap((m) => [
  { model: m.name, what: 'training state (mixed-precision Adam)', bytes: trainingStateBytes(m) },
  ...PRECISIONS.map((p) => ({
    model: m.name,
    what: `serving weights, ${PRECISION_LABEL[p]}`,
    bytes: weightBytes(m, p),
  })),
]);

// The generation loop for one chat turn on Llama 3.1 8B, H100, BF16.
const prompt = 1000;
const output = 500;
const ttft = prefillEstimate(llama8, h100, 'bf16', prompt).timeS;
let decodeS = 0;
for (let i = 1; i < output; i++) {
  decodeS += decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: prompt + i }).stepTimeS;
}
const prefillFlops = (tokens: number) =>
  prefillTime(llama8, h100, { promptTokens: tokens, weightPrecision: 'bf16' }).flops;
/** With a KV cache every token is computed once: the work of prefilling the whole final sequence. */
const withCache = prefillFlops(prompt + output - 1);
/** Without one, each new token re-runs the model over everything so far. */
let withoutCache = 0;
for (let n = 0; n < output; n++) withoutCache += prefillFlops(prompt + n);

export const trainingToCheckpoint = {
  model70: llama70.name,
  model8: llama8.name,
  gpu: h100.name,
  params70: fixed(paramCounts(llama70).total / 1e9, 2),
  train70GB: formatBytes(train70, 'GB', 0),
  train8GB: formatBytes(train8, 'GB', 0),
  bf16_70GB: formatBytes(weightBytes(llama70, 'bf16'), 'GB', 1),
  trainRatio: fixed(train70 / weightBytes(llama70, 'bf16'), 0),
  train70Gpus: gpusFor(train70),
  bf16_70Gpus: gpusFor(weightBytes(llama70, 'bf16')),
  int8_70Gpus: gpusFor(weightBytes(llama70, 'int8')),
  manualMultiplier: QUOTED.manualMultiplier,
  manualTrainingGB: QUOTED.manualTrainingGB,
  manualShortfall: fixed(train70 / 1e9 / Number.parseFloat(QUOTED.manualTrainingGB), 1),
  h100GB: formatBytes(h100.memoryBytes, 'GB', 1),
  trainTex: String.raw`\underbrace{${b16}}_{\text{BF16 weights}} + \underbrace{${b16}}_{\text{BF16 gradients}} + \underbrace{${b32} + ${b32} + ${b32}}_{\text{FP32 master, } m,\ v} = ${perParam}\ \text{bytes per parameter}`,
  perParam,
  steps405: int(QUOTED.llama405Tokens / QUOTED.llama405BatchTokens),
  tokens405T: fixed(QUOTED.llama405Tokens / 1e12, 1),
  batch405M: fixed(QUOTED.llama405BatchTokens / 1e6, 0),
  chinchilla: QUOTED.chinchillaTokensPerParam,
  chinchilla8T: fixed((QUOTED.chinchillaTokensPerParam * paramCounts(llama8).total) / 1e9, 0),
  llama3T: fixed(QUOTED.llama3Tokens / 1e12, 0),
  tokensPerParam8: int(QUOTED.llama3Tokens / paramCounts(llama8).total),
  overChinchilla8: fixed(QUOTED.llama3Tokens / paramCounts(llama8).total / QUOTED.chinchillaTokensPerParam, 0),
  prompt: int(prompt),
  output: int(output),
  ttftMs: fixed(ttft * 1e3, 1),
  decodeS: fixed(decodeS, 2),
  totalS: fixed(ttft + decodeS, 2),
  decodeSteps: int(output - 1),
  withCacheT: fixed(withCache / 1e12, 1),
  withoutCacheT: int(withoutCache / 1e12),
  cacheSaving: int(withoutCache / withCache),
};
