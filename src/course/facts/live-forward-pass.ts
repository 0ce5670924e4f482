// Every figure the live-forward-pass chapter prints: the corrected step-by-step traffic of a 70B model on an H100.
import { GPUS, getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, kvBytesPerTokenMhaFormula, weightBytes } from '../../engine/memory.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, GiB, int } from '../../engine/units.ts';

const m = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');
const w = weightBytes(m, 'int8');
const k = kvBytesPerToken(m);
/** What the MHA-only formula (2 × layers × hidden size × 2 bytes) gives; quoted to correct it (errata #1). */
const mhaK = kvBytesPerTokenMhaFormula(m);

/** The five moments of a conversation the source walks through (004 §1.3), recomputed with GQA. */
const SCENARIOS = [
  { context: 1000, batch: 1 },
  { context: 4000, batch: 1 },
  { context: 4000, batch: 10 },
  { context: 4000, batch: 20 },
  { context: 4000, batch: 50 },
] as const;

export const scenarioRows = SCENARIOS.map(({ context, batch }) => {
  const s = decodeStep(m, h100, { weightPrecision: 'int8', batch, context });
  const resident = s.weightBytesTotal + s.kvBytesRead;
  return {
    context: int(context),
    batch,
    kvGB: fixed(s.kvBytesRead / 1e9, 2),
    mhaKvGB: fixed((batch * context * mhaK) / 1e9, 1),
    totalGB: fixed(s.bytesPerStep / 1e9, 2),
    stepMs: fixed(s.stepTimeS * 1e3, 1),
    tps: fixed(s.tokensPerSecondTotal, 0),
    kvShare: fixed((s.kvBytesRead / s.bytesPerStep) * 100, 0),
    fits: resident <= h100.memoryBytes,
    // for the chart
    weightsBytes: s.weightBytesRead,
    kvBytes: s.kvBytesRead,
  };
});

const row = (i: number) => scenarioRows[i] as (typeof scenarioRows)[number];
const crossover = (batch: number) => Math.ceil(w / (batch * k));
const firstMisfit = scenarioRows.find((r) => !r.fits);

/** A full card's floor: if weights plus KV fill memory and a dense step reads them all, the step takes capacity ÷ bandwidth. */
export const fullCardRows = GPUS.map((g) => ({
  name: g.name,
  ms: fixed((g.memoryBytes / g.bandwidthBytesPerS) * 1e3, 1),
}));

export const liveForwardPass = {
  model: m.name,
  gpu: h100.name,
  weightsGB: formatBytes(w, 'GB'),
  kvPerToken: int(k),
  kvPerTokenMB: fixed(k / 1e6, 2),
  mhaPerTokenMB: fixed(mhaK / 1e6, 2),
  mhaFactor: fixed(mhaK / k, 0),
  layers: m.layers,
  kvHeads: m.kvHeads,
  heads: m.heads,
  headDim: m.headDim,
  hidden: int(m.hiddenSize),
  kvTex: String.raw`k = 2 \times ${m.layers} \times ${m.kvHeads} \times ${m.headDim} \times 2\ \text{B} = ${int(k).replace(/,/g, '{,}')}\ \text{B}`,
  r0: row(0),
  r1: row(1),
  r2: row(2),
  r3: row(3),
  r4: row(4),
  stepTex: String.raw`t_\text{step} = \frac{${fixed(w / 1e9, 2)} + ${row(2).kvGB}\ \text{GB}}{${int(h100.bandwidthBytesPerS / 1e9).replace(',', '{,}')}\ \text{GB/s}} = ${row(2).stepMs}\ \text{ms}`,
  crossover1: int(crossover(1)),
  crossover10: int(crossover(10)),
  crossover50: int(crossover(50)),
  memGB: formatBytes(h100.memoryBytes, 'GB', 1),
  memGiB: formatBytes(h100.memoryBytes, 'GiB', 1),
  freeGB: formatBytes(h100.memoryBytes - w, 'GB', 1),
  freeTokens: int((h100.memoryBytes - w) / k),
  firstMisfitBatch: firstMisfit?.batch ?? 0,
  b10LeftGB: formatBytes(h100.memoryBytes - w - row(2).kvBytes, 'GB', 1),
  b20ResidentGB: fixed((w + row(3).kvBytes) / 1e9, 1),
  fullCardMs: fixed((h100.memoryBytes / h100.bandwidthBytesPerS) * 1e3, 1),
  fullCardTps: fixed(h100.bandwidthBytesPerS / h100.memoryBytes, 0),
  ctx128k: int(131072),
  kv128kGB: formatBytes(kvBytesForContext(m, 131072), 'GB', 1),
  kv128kGiB: formatBytes(kvBytesForContext(m, 131072), 'GiB', 1),
  h100GiB: fixed(h100.memoryBytes / GiB, 1),
  kv128kShare: fixed((kvBytesForContext(m, 131072) / h100.memoryBytes) * 100, 0),
};
