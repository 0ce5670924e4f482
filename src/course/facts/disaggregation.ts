// Every figure the disaggregation chapter prints: the KV cache a prefill instance must ship and how long the link
// takes, how many decode GPUs one prefill GPU feeds for two workload shapes, and the cost of splitting a small chat
// deployment (simulator run for the colocated side, an engine bound for the split side).
import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { usdPerMillionTokens } from '../../engine/cost.ts';
import { kvBytesForContext } from '../../engine/memory.ts';
import { INTERCONNECTS } from '../../engine/parallel.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { getPreset, presetScenarios, simulate } from '../../engine/sim/index.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/**
 * Illustrative inputs: a rental price for the cost comparison (cloud H100 prices vary by provider and term; the ratio
 * of the two setups' $/MTok does not depend on it), and prompt and output lengths of two request shapes for sizing
 * the pools (a chat turn and a retrieval-augmented answer).
 */
export const ASSUMED = {
  usdPerGpuHour: 2.5,
  shapes: [
    { name: 'chat', prompt: 2000, output: 250 },
    { name: 'retrieval-augmented', prompt: 16000, output: 150 },
  ],
} as const;

/**
 * The link between nodes, from its datasheet: InfiniBand NDR, 400 Gb/s per port = 50 GB/s per direction (source:
 * NVIDIA ConnectX-7 / Quantum-2 NDR product briefs).
 */
export const QUOTED = { infinibandNdrBytesPerS: 50e9, infinibandName: 'InfiniBand NDR (400 Gb/s)' } as const;

const m8 = getModel('llama-3.1-8b');
const m70 = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');
const h200 = getGpu('h200');
/** The simulator's sustained shares of peak, so engine figures here match its runs. */
const EFF = { computeEfficiency: 0.6, bandwidthEfficiency: 0.8 } as const;

// ——— What a prefill instance hands over ———
const PROMPTS = [2048, 8192, 32768];
const LINKS = [
  { name: INTERCONNECTS.nvlink4.name, bytesPerS: INTERCONNECTS.nvlink4.bytesPerS },
  { name: QUOTED.infinibandName, bytesPerS: QUOTED.infinibandNdrBytesPerS },
];
export const transferRows = PROMPTS.map((prompt) => {
  const kv = kvBytesForContext(m70, prompt);
  const prefill = prefillTime(m70, h200, { promptTokens: prompt, weightPrecision: 'fp8', ...EFF });
  return {
    prompt: int(prompt),
    kv: formatBytes(kv, 'GB', 2),
    prefillMs: int(prefill.timeS * 1e3),
    links: LINKS.map((l) => fixed((kv / l.bytesPerS) * 1e3, 1)),
    share: fixed((kv / QUOTED.infinibandNdrBytesPerS / prefill.timeS) * 100, 0),
  };
});
export const linkNames = LINKS.map((l) => l.name);
const mid = PROMPTS[1] as number;
const midKv = kvBytesForContext(m70, mid);
const midPrefill = prefillTime(m70, h200, { promptTokens: mid, weightPrecision: 'fp8', ...EFF });

// ——— Pool sizing: decode GPUs per prefill GPU for two shapes of traffic ———
/** The most sequences a decode GPU batches (a cap; memory may allow fewer). */
const decodeBatch = 64;
export const poolRows = ASSUMED.shapes.map((s) => {
  const prefill = prefillTime(m8, h100, { promptTokens: s.prompt, weightPrecision: 'bf16', ...EFF });
  // A decode GPU runs as many sequences as its KV pool holds at their longest, up to the batch cap.
  const pool = vllmCapacity(m8, h100, { maxModelLen: s.prompt + s.output });
  const batch = Math.min(decodeBatch, Math.floor(pool.kvTokens / (s.prompt + s.output)));
  const decode = decodeStep(m8, h100, {
    weightPrecision: 'bf16',
    batch,
    context: s.prompt + s.output / 2,
    ...EFF,
  });
  const prefillGpuS = prefill.timeS; // one prompt at a time saturates the tensor cores
  const decodeGpuS = (s.output * decode.stepTimeS) / batch;
  return {
    name: s.name,
    batch,
    prompt: int(s.prompt),
    output: int(s.output),
    prefillMs: fixed(prefillGpuS * 1e3, 0),
    decodeMs: fixed(decodeGpuS * 1e3, 0),
    ratio: fixed(decodeGpuS / prefillGpuS, 2),
  };
});

// ——— A small chat deployment, colocated on one GPU or split 1P1D (the prediction) ———
const users = 8;
const colocated = simulate({
  seed: 7,
  workload: { shape: 'chat', requests: 400, arrival: { kind: 'closed', concurrency: users } },
});
const meanPrompt = colocated.prompt_tokens / colocated.results.completed;
const meanOutput = colocated.output_tokens / colocated.results.completed;
/**
 * The most the decode GPU of a 1P1D pair could deliver: every step a pure decode step for all users (no waiting for
 * prefill, hand-offs or new requests), at the mean context. Real pairs deliver less.
 */
const pureDecode = decodeStep(m8, h100, {
  weightPrecision: 'bf16',
  batch: users,
  context: Math.round(meanPrompt + meanOutput / 2),
  ...EFF,
});
const splitBound = users / pureDecode.stepTimeS;
const colocatedTps = colocated.results.output_throughput_tok_s;
const costColocated = usdPerMillionTokens(ASSUMED.usdPerGpuHour, colocatedTps);
const costSplit = usdPerMillionTokens(2 * ASSUMED.usdPerGpuHour, splitBound);

// ——— Interference the split removes: the long-prompt burst from the chunked-prefill chapter ———
const [burstWhole] = presetScenarios(getPreset('chunked-prefill-burst')).map((s) => simulate(s));

export const disaggregation = {
  m70: m70.name,
  m8: m8.name,
  h100: h100.name,
  h200: h200.name,
  mid: int(mid),
  midKvGB: formatBytes(midKv, 'GB', 2),
  midPrefillMs: int(midPrefill.timeS * 1e3),
  midNvlinkMs: fixed((midKv / INTERCONNECTS.nvlink4.bytesPerS) * 1e3, 1),
  midIbMs: fixed((midKv / QUOTED.infinibandNdrBytesPerS) * 1e3, 1),
  kvTex: String.raw`\frac{${int(mid).replace(',', '{,}')} \times ${int(kvBytesForContext(m70, 1)).replace(',', '{,}')}\ \text{B}}{${int(QUOTED.infinibandNdrBytesPerS / 1e9)}\ \text{GB/s}} = ${fixed((midKv / QUOTED.infinibandNdrBytesPerS) * 1e3, 1)}\ \text{ms}`,
  ibName: QUOTED.infinibandName,
  decodeBatch,
  users,
  colocatedTps: int(colocatedTps),
  colocatedTpot: fixed(colocated.results.tpot_ms.p50, 1),
  meanPrompt: int(meanPrompt),
  meanOutput: int(meanOutput),
  pureStepMs: fixed(pureDecode.stepTimeS * 1e3, 2),
  splitBound: int(splitBound),
  price: fixed(ASSUMED.usdPerGpuHour, 2),
  costColocated: fixed(costColocated, 2),
  costSplit: fixed(costSplit, 2),
  costRatio: fixed(costSplit / costColocated, 2),
  burst: {
    itlP99: fixed(burstWhole?.results.itl_ms.p99 ?? 0, 1),
    itlP50: fixed(burstWhole?.results.itl_ms.p50 ?? 0, 1),
  },
};

/** The runs and bounds behind the chapter's claims, for tests. */
export const runs = { colocated, pureDecode, splitBound, costColocated, costSplit, midKv, midPrefill };
