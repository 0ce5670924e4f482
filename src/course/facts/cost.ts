// Every figure the "Cost per million tokens" chapter prints, computed at build time from the engine.
import { costView } from '../../components/cost-calculator/cost-view.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { usdPerMillionTokens } from '../../engine/cost.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';

/**
 * The worked example's givens. The GPU-hour price is an assumption for illustration (market prices vary by
 * provider, region and contract); the other entries describe the workload.
 */
export const SCENARIO = {
  usdPerGpuHour: 2,
  batch: 64,
  context: 1500,
  promptTokens: 1000,
  outputTokens: 300,
  utilization: 0.4,
  goodShare: 0.9,
  ragPrompt: 16000,
  ragOutput: 200,
} as const;

/** Claims the chapter corrects, quoted from source 004 and the errata (E004-41, E004-43, E004-47). */
export const QUOTED = {
  nodeUsdPerHour: 8.424,
  slowTokS: 300,
  fastTokS: 1000,
  slowUsd: 8,
  fastUsd: 2,
  claimedGap: '4×',
  cloudRange: '$3–10',
  selfHostedRange: '$1–2',
  claimedPremium: '10–100×',
  cloudLow: 3,
  cloudHigh: 10,
  selfLow: 1,
  selfHigh: 2,
  hostedApi70b: '$0.88–0.99',
} as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const step = decodeStep(model, gpu, { weightPrecision: 'bf16', batch: SCENARIO.batch, context: SCENARIO.context });
const decodeTokS = step.tokensPerSecondTotal * EFF.low;
const prefillTokS = prefillTime(model, gpu, {
  promptTokens: SCENARIO.promptTokens,
  weightPrecision: 'bf16',
}).tokensPerSecond;

const inputs = {
  usdPerGpuHour: SCENARIO.usdPerGpuHour,
  gpus: 1,
  outputTokS: decodeTokS,
  prefillTokS,
  utilization: SCENARIO.utilization,
  goodShare: SCENARIO.goodShare,
  promptTokens: SCENARIO.promptTokens,
  outputTokens: SCENARIO.outputTokens,
};
/** The calculator's defaults: the worked example. */
export const CALCULATOR_DEFAULTS = inputs;
const chat = costView(inputs).figures;
const rag = costView({ ...inputs, promptTokens: SCENARIO.ragPrompt, outputTokens: SCENARIO.ragOutput }).figures;

/** $/MTok as batch grows, at the low end of real decode efficiency. */
export const BATCH_CURVE = [1, 2, 4, 8, 16, 32, 64, 128, 256].map((batch) => {
  const s = decodeStep(model, gpu, { weightPrecision: 'bf16', batch, context: SCENARIO.context });
  const tokS = s.tokensPerSecondTotal * EFF.low;
  return {
    batch,
    tokS,
    tpotMs: (s.stepTimeS / EFF.low) * 1e3,
    usdPerMTok: usdPerMillionTokens(SCENARIO.usdPerGpuHour, tokS),
  };
});
const b1 = BATCH_CURVE[0] as (typeof BATCH_CURVE)[number];
const bMax = BATCH_CURVE.at(-1) as (typeof BATCH_CURVE)[number];

const usd = (x: number, d = 2) => `$${fixed(x, d)}`;
const slow = usdPerMillionTokens(QUOTED.nodeUsdPerHour, QUOTED.slowTokS);
const fast = usdPerMillionTokens(QUOTED.nodeUsdPerHour, QUOTED.fastTokS);

export const cost = {
  model: model.name,
  gpu: gpu.name,
  price: usd(SCENARIO.usdPerGpuHour),
  batch: SCENARIO.batch,
  context: int(SCENARIO.context),
  eff: fixed(EFF.low * 100, 0),
  ceilingTokS: int(step.tokensPerSecondTotal),
  decodeTokS: int(decodeTokS),
  prefillTokS: int(prefillTokS),
  fullTex: String.raw`\frac{\$${fixed(SCENARIO.usdPerGpuHour, 2)}/\text{h}}{${int(decodeTokS).replace(',', '{,}')}\ \text{tok/s} \times 3600\ \text{s/h}} \times 10^6 \approx \$${fixed(chat.usdPerMTokFull, 3)}\ \text{per million output tokens}`,
  usdFull: usd(chat.usdPerMTokFull, 3),
  utilPct: fixed(SCENARIO.utilization * 100, 0),
  usdEffective: usd(chat.usdPerMTokEffective, 3),
  idleMultiplier: fixed(1 / SCENARIO.utilization, 1),
  goodPct: fixed(SCENARIO.goodShare * 100, 0),
  usdGood: usd(chat.usdPerGoodMTok ?? 0, 3),
  prompt: int(SCENARIO.promptTokens),
  output: int(SCENARIO.outputTokens),
  prefillPer1k: usd(chat.prefillUsd * 1000, 4),
  decodePer1k: usd(chat.decodeUsd * 1000, 4),
  decodeSharePct: fixed((chat.decodeUsd / (chat.prefillUsd + chat.decodeUsd)) * 100, 0),
  perThousand: usd(chat.requestUsdEffective * 1000, 3),
  ragPrompt: int(SCENARIO.ragPrompt),
  ragOutput: int(SCENARIO.ragOutput),
  ragPrefillSharePct: fixed((rag.prefillUsd / (rag.prefillUsd + rag.decodeUsd)) * 100, 0),
  requestTex: String.raw`\text{cost per request} = \frac{P}{R_\text{prefill}} \cdot \frac{\$}{\text{s}} + \frac{O}{R_\text{decode}} \cdot \frac{\$}{\text{s}}`,
  b1UsdPerMTok: usd(b1.usdPerMTok),
  bMax: bMax.batch,
  bMaxUsdPerMTok: usd(bMax.usdPerMTok, 3),
  bMaxTpot: fixed(bMax.tpotMs, 0),
  b1Tpot: fixed(b1.tpotMs, 1),
  batchRatio: fixed(b1.usdPerMTok / bMax.usdPerMTok, 0),
  monthly: `$${int(chat.monthlyUsd)}`,
  // The manual's own numbers, recomputed.
  nodePrice: usd(QUOTED.nodeUsdPerHour, 3),
  slowUsd: usd(slow),
  fastUsd: usd(fast),
  realGap: fixed(slow / fast, 2),
  scaledFast: usd((QUOTED.slowUsd * QUOTED.slowTokS) / QUOTED.fastTokS),
  premiumLow: fixed(QUOTED.cloudLow / QUOTED.selfHigh, 1),
  premiumHigh: fixed(QUOTED.cloudHigh / QUOTED.selfLow, 0),
};
