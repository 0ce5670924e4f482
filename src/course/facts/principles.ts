// Every figure the "Principles and what comes next" chapter prints, computed at build time from the engine.
import { bitsView } from '../../components/bits-explorer/bits-view.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, weightBytes } from '../../engine/memory.ts';
import { INTERCONNECTS } from '../../engine/parallel.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/** Figures quoted from the sources and the errata, with where they come from. */
export const QUOTED = {
  /** 004 epilogue: "30-50 effective TFLOPS in decode" on an H100 (E004-37). */
  decodeTflopsLow: 30,
  decodeTflopsHigh: 50,
  /** 004: "theoretical bandwidth savings of 80×" from fusing 80 layers (errata #8). */
  fusionClaim: '80×',
  /** Errata #8: inter-layer activations of a 70B decode step, about 13 MB. */
  activationBytes: 13e6,
  /** H100 L2 cache, 50 MB (NVIDIA Hopper architecture whitepaper; errata #8). */
  h100L2Bytes: 50e6,
  /** Hazy Research "No Bubbles" (2025-05-27): Llama-1B megakernel at 78% of H100 bandwidth vs ≤ 50% for vLLM/SGLang. */
  megakernelPct: 78,
  enginesPct: 50,
  /** 004: disaggregation "justified only at massive scale (>100 nodes)" (E004-45); vLLM: it does not improve throughput. */
  disaggScaleClaim: '>100 nodes',
  /** InfiniBand NDR: 400 Gb/s per port (NVIDIA ConnectX-7 datasheet), 50 GB/s. */
  infinibandBytesPerS: 50e9,
} as const;

/** The worked examples' givens. */
export const SCENARIO = {
  longPrompt: 32768,
  longOutput: 100,
  shortPrompt: 4096,
  shortOutput: 200,
  users: 10,
  userContext: 4000,
  lowBits: 2.25,
  largeBatch: 32,
} as const;

/** The bits explorer's first state: the chapter's example. */
export const BITS_DEFAULTS = {
  model: 'llama-3.3-70b',
  gpu: 'h100-sxm',
  bits: SCENARIO.lowBits,
  batch: 1,
  context: SCENARIO.shortPrompt,
};

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');

// Principle 1: effective FLOP/s in decode depend on the batch.
const effective = (batch: number) => {
  const s = decodeStep(llama70, h100, { weightPrecision: 'int8', batch, context: 0 });
  return s.flopsPerStep / s.stepTimeS;
};
let batchForLow = 1;
while (effective(batchForLow) < QUOTED.decodeTflopsLow * 1e12) batchForLow++;

// Principle 1b: how much of a request is decode depends on its shape (70B INT8 on an H100, one request).
function decodeShare(prompt: number, output: number) {
  const prefill = prefillTime(llama70, h100, { promptTokens: prompt, weightPrecision: 'int8' }).timeS;
  const mid = decodeStep(llama70, h100, { weightPrecision: 'int8', batch: 1, context: prompt + output / 2 });
  const decode = output * mid.stepTimeS;
  return decode / (prefill + decode);
}

// Principle 2: the KV cache vs the weights for a GQA model.
const usersKv = SCENARIO.users * kvBytesForContext(llama8, SCENARIO.userContext);

// Principle 3: batching multiplies throughput, not one user's speed.
const b1 = decodeStep(llama70, h100, { weightPrecision: 'int8', batch: 1, context: SCENARIO.shortPrompt });
const b4 = decodeStep(llama70, h100, { weightPrecision: 'int8', batch: 4, context: SCENARIO.shortPrompt });

// Disaggregation: moving a prompt's KV cache from the prefill pool to the decode pool.
const kvPrompt = kvBytesForContext(llama70, SCENARIO.shortPrompt);
const nvlink = INTERCONNECTS.nvlink4;
const prefillShort = prefillTime(llama70, h100, { promptTokens: SCENARIO.shortPrompt, weightPrecision: 'int8' }).timeS;

// Kernel fusion: what activations weigh next to the weights.
const w70int8 = weightBytes(llama70, 'int8');

// Sub-4-bit: the explorer's defaults at batch 1 and at batch 32.
const bits1 = bitsView(BITS_DEFAULTS);
const bits32 = bitsView({ ...BITS_DEFAULTS, batch: SCENARIO.largeBatch });
const row = (v: typeof bits1, bits: number) => v.rows.find((r) => r.bits === bits);

const ms = (s: number, d = 1) => fixed(s * 1e3, d);

export const principles = {
  model70: llama70.name,
  model8: llama8.name,
  h100: h100.name,
  b1Tflops: fixed(effective(1) / 1e12, 1),
  tflopsLow: QUOTED.decodeTflopsLow,
  tflopsHigh: QUOTED.decodeTflopsHigh,
  batchForLow,
  peakTflops: fixed(h100.denseOpsPerS.bf16 / 1e12, 1),
  shortPrompt: int(SCENARIO.shortPrompt),
  shortOutput: int(SCENARIO.shortOutput),
  longPrompt: int(SCENARIO.longPrompt),
  longOutput: int(SCENARIO.longOutput),
  shortDecodePct: fixed(decodeShare(SCENARIO.shortPrompt, SCENARIO.shortOutput) * 100, 0),
  longDecodePct: fixed(decodeShare(SCENARIO.longPrompt, SCENARIO.longOutput) * 100, 0),
  users: SCENARIO.users,
  userContext: int(SCENARIO.userContext),
  usersKvGB: formatBytes(usersKv, 'GB', 1),
  weights8GB: formatBytes(weightBytes(llama8, 'bf16'), 'GB', 1),
  b1StepMs: ms(b1.stepTimeS, 1),
  b4StepMs: ms(b4.stepTimeS, 1),
  b1TokS: fixed(b1.tokensPerSecondTotal, 0),
  b4TokS: fixed(b4.tokensPerSecondTotal, 0),
  b4Gain: fixed(b4.tokensPerSecondTotal / b1.tokensPerSecondTotal, 2),
  kvPromptGB: formatBytes(kvPrompt, 'GB', 2),
  nvlinkMs: ms(kvPrompt / nvlink.bytesPerS, 1),
  nvlinkGBs: fixed(nvlink.bytesPerS / 1e9, 0),
  infinibandMs: ms(kvPrompt / QUOTED.infinibandBytesPerS, 0),
  prefillShortMs: ms(prefillShort, 0),
  w70int8GB: formatBytes(w70int8, 'GB', 1),
  activationMB: fixed(QUOTED.activationBytes / 1e6, 0),
  activationSharePct: fixed((QUOTED.activationBytes / w70int8) * 100, 2),
  fusionMaxGain: fixed(1 + QUOTED.activationBytes / w70int8, 4),
  l2MB: fixed(QUOTED.h100L2Bytes / 1e6, 0),
  l2SharePct: fixed((QUOTED.h100L2Bytes / w70int8) * 100, 2),
  megakernelPct: QUOTED.megakernelPct,
  enginesPct: QUOTED.enginesPct,
  megakernelGain: fixed(QUOTED.megakernelPct / QUOTED.enginesPct, 2),
  fusionTex: String.raw`\frac{W + A}{W} = 1 + \frac{${fixed(QUOTED.activationBytes / 1e6, 0)}\ \text{MB}}{${fixed(w70int8 / 1e9, 1)}\ \text{GB}} \approx ${fixed(1 + QUOTED.activationBytes / w70int8, 4)}`,
  bits8b1: row(bits1, 8)?.speedup,
  bits4b1: row(bits1, 4.25)?.speedup,
  bits2b1: row(bits1, 2.25)?.speedup,
  bits2weights: row(bits1, 2.25)?.weightsGB,
  bits4b32: row(bits32, 4.25)?.speedup,
  bits2b32: row(bits32, 2.25)?.speedup,
  bits2b32KvShare: row(bits32, 2.25)?.kvSharePct,
  batchLarge: SCENARIO.largeBatch,
  infinibandGbps: fixed((QUOTED.infinibandBytesPerS * 8) / 1e9, 0),
};
