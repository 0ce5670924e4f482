// Every figure the prefill-and-decode chapter prints, computed by the engine (and compositions of it) at build time.
import { GPUS, getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { prefillEstimate } from '../../engine/prefill.ts';
import { computeBoundBatch, decodeStep, flopsPerToken, ridgePoint } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';

const llama8 = getModel('llama-3.1-8b');
const llama70 = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');

const prompt = 2048;
const pre = prefillEstimate(llama8, h100, 'bf16', prompt);
const dec1 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: prompt });
const batch = 32;
const dec32 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch, context: prompt });

/** Smallest batch (up to 4,096) at which decode turns compute-bound, or null. */
const ridgeBatch = (model = llama8, context = prompt, p: 'bf16' | 'int8' = 'bf16') =>
  computeBoundBatch(model, h100, { weightPrecision: p, context });

/** Per-sequence intensity limit as the batch grows without bound: each sequence's FLOPs over its own KV bytes. */
const kvLimit = (model = llama8, context = prompt) => flopsPerToken(model, context) / kvBytesForContext(model, context);

/** Share of one request's time spent decoding: prefill once, then one batch-1 step per output token. */
function decodeShare(promptTokens: number, outputTokens: number) {
  const pf = prefillEstimate(llama70, h100, 'int8', promptTokens).timeS;
  let dec = 0;
  for (let i = 1; i < outputTokens; i++) {
    dec += decodeStep(llama70, h100, { weightPrecision: 'int8', batch: 1, context: promptTokens + i }).stepTimeS;
  }
  return { prefillMs: pf * 1e3, decodeMs: dec * 1e3, share: dec / (pf + dec) };
}
const chatShape = { prompt: 4000, output: 200 };
const ragShape = { prompt: 32000, output: 100 };
const chat = decodeShare(chatShape.prompt, chatShape.output);
const rag = decodeShare(ragShape.prompt, ragShape.output);

const ctx70 = 1000;
const rb70 = ridgeBatch(llama70, ctx70);

/** Claims the chapter quotes to correct (source 000 "physics test"; source 004 §0.6 and Ch 6; errata #11, E004-11, E004-38). */
export const QUOTED = { idle: '80%', decodeShare: '90%' } as const;

export const prefillAndDecode = {
  model: llama8.name,
  gpu: h100.name,
  params: fixed(paramCounts(llama8).total / 1e9, 2),
  prompt: int(prompt),
  bf16Tflops: fixed(h100.denseOpsPerS.bf16 / 1e12, 1),
  bandwidth: int(h100.bandwidthBytesPerS / 1e9),
  ridge: fixed(ridgePoint(h100), 0),
  ridgeInt8: fixed(ridgePoint(h100, 'int8'), 0),
  ridgeTex: String.raw`I^{*} = \frac{${fixed(h100.denseOpsPerS.bf16 / 1e12, 1)} \times 10^{12}\ \text{FLOP/s}}{${int(h100.bandwidthBytesPerS / 1e9).replace(',', '{,}')} \times 10^{9}\ \text{B/s}} \approx ${fixed(ridgePoint(h100), 0)}\ \text{FLOP/B}`,
  prefillTflop: fixed(pre.flops / 1e12, 1),
  prefillGB: fixed(pre.bytes / 1e9, 2),
  prefillComputeMs: fixed(pre.computeTimeS * 1e3, 1),
  prefillMemoryMs: fixed(pre.memoryTimeS * 1e3, 1),
  prefillMs: fixed(pre.timeS * 1e3, 1),
  prefillIntensity: int(pre.arithmeticIntensity),
  prefillTex: String.raw`t_\text{prefill} \ge \max\!\left(\frac{${fixed(pre.flops / 1e12, 1)}\ \text{TFLOP}}{${fixed(h100.denseOpsPerS.bf16 / 1e12, 1)}\ \text{TFLOP/s}},\ \frac{${fixed(pre.bytes / 1e9, 2)}\ \text{GB}}{${int(h100.bandwidthBytesPerS / 1e9).replace(',', '{,}')}\ \text{GB/s}}\right) = \max(${fixed(pre.computeTimeS * 1e3, 1)},\ ${fixed(pre.memoryTimeS * 1e3, 1)})\ \text{ms}`,
  weightsGB: fixed(weightBytes(llama8, 'bf16') / 1e9, 2),
  kvPerTokenKB: fixed(kvBytesPerToken(llama8) / 1e3, 1),
  dec1Intensity: fixed(dec1.arithmeticIntensity, 2),
  dec1Ms: fixed(dec1.stepTimeS * 1e3, 2),
  dec1ComputeMs: fixed(dec1.computeTimeS * 1e3, 3),
  dec1Tps: fixed(dec1.tokensPerSecondTotal, 0),
  dec32Intensity: fixed(dec32.arithmeticIntensity, 1),
  dec32Ms: fixed(dec32.stepTimeS * 1e3, 2),
  dec32Tps: int(dec32.tokensPerSecondTotal),
  ttftVsTpot: fixed(pre.timeS / dec1.stepTimeS, 0),
  kvLimit: fixed(kvLimit(), 0),
  ridgeBatch8: ridgeBatch(),
  model70: llama70.name,
  kvLimit70: fixed(kvLimit(llama70, ctx70), 0),
  ctx70: int(ctx70),
  batch,
  ridgeBatch70: rb70 === null ? 'none' : int(rb70),
  chatPrompt: int(chatShape.prompt),
  chatOutput: int(chatShape.output),
  chatDecodeShare: fixed(chat.share * 100, 0),
  chatPrefillMs: fixed(chat.prefillMs, 0),
  chatDecodeS: fixed(chat.decodeMs / 1e3, 1),
  ragPrompt: int(ragShape.prompt),
  ragOutput: int(ragShape.output),
  ragDecodeShare: fixed(rag.share * 100, 0),
  ragPrefillMs: fixed(rag.prefillMs, 0),
};

/** Ridge points of every catalog GPU at BF16 and at its 8-bit rate. */
export const ridgeRows = GPUS.map((g) => ({
  name: g.name,
  tflops: fixed(g.denseOpsPerS.bf16 / 1e12, 0),
  bandwidth: int(g.bandwidthBytesPerS / 1e9),
  ridge: fixed(ridgePoint(g), 0),
  ridge8: g.denseOpsPerS.int8 === null && g.denseOpsPerS.fp8 === null ? '—' : fixed(ridgePoint(g, 'int8'), 0),
}));
