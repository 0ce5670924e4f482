// Every figure the dense-and-MoE chapter prints: total against active parameters, and how the decode saving fades.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { weightBytes, weightBytesReadPerStep } from '../../engine/memory.ts';
import { expertFractionTouched, paramCounts } from '../../engine/params.ts';
import { prefillEstimate } from '../../engine/prefill.ts';
import { decodeStep, flopsPerToken } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

const mix = getModel('mixtral-8x7b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');
const h200 = getGpu('h200');
const moe = mix.moe as NonNullable<typeof mix.moe>;
const c = paramCounts(mix);
const shared = c.total - c.experts;
const perExpert = c.experts / (moe.experts * mix.layers);

/** Batch sizes the chapter follows, and the errata's check of the fading saving (E004-07). */
const BATCHES = [1, 2, 4, 8, 16, 32, 64];
export const touchedRows = BATCHES.map((b) => {
  const s = decodeStep(mix, h200, { weightPrecision: 'bf16', batch: b, context: 0 });
  const d = decodeStep(llama8, h200, { weightPrecision: 'bf16', batch: b, context: 0 });
  return {
    batch: b,
    touched: fixed(expertFractionTouched(mix, b) * 100, 0),
    readGB: fixed(s.weightBytesRead / 1e9, 1),
    perSeqTps: fixed(s.tokensPerSecondPerSequence, 0),
    totalTps: int(s.tokensPerSecondTotal),
    denseTotalTps: int(d.tokensPerSecondTotal),
    // for the chart
    readBytes: s.weightBytesRead,
  };
});

const row = (b: number) => touchedRows.find((r) => r.batch === b) as (typeof touchedRows)[number];
const prefillMix = prefillEstimate(mix, h200, 'bf16', 4096);

/** The source's picture of routing, quoted to correct it (004 §0.3; errata E004-09). */
export const QUOTED = {
  router: '“expert #3 and expert #7 are the most competent”',
} as const;

const ds = getModel('deepseek-v3');
const dsCounts = paramCounts(ds);
const dsMoe = ds.moe as NonNullable<typeof ds.moe>;

export const denseAndMoe = {
  mix: mix.name,
  dense: llama8.name,
  gpu: h100.name,
  gpu200: h200.name,
  experts: moe.experts,
  k: moe.expertsPerToken,
  layers: mix.layers,
  total: fixed(c.total / 1e9, 2),
  active: fixed(c.active / 1e9, 2),
  sharedB: fixed(shared / 1e9, 2),
  expertsB: fixed(c.experts / 1e9, 2),
  perExpertM: fixed(perExpert / 1e6, 1),
  activeShare: fixed((c.active / c.total) * 100, 0),
  naive: fixed(((c.total / moe.experts) * moe.expertsPerToken) / 1e9, 2),
  activeTex: String.raw`P_\text{active} = ${fixed(shared / 1e9, 2)} + ${moe.expertsPerToken} \times ${mix.layers} \times ${fixed(perExpert / 1e6, 1)}\,\text{M} = ${fixed(c.active / 1e9, 2)}\,\text{B}`,
  bf16GB: formatBytes(weightBytes(mix, 'bf16'), 'GB', 1),
  bf16GiB: formatBytes(weightBytes(mix, 'bf16'), 'GiB', 1),
  h100GiB: formatBytes(h100.memoryBytes, 'GiB', 1),
  h200GiB: formatBytes(h200.memoryBytes, 'GiB', 1),
  fitsH100: weightBytes(mix, 'bf16') <= h100.memoryBytes,
  activeGB: formatBytes(weightBytesReadPerStep(mix, 'bf16', 1), 'GB', 1),
  denseGB: formatBytes(weightBytes(llama8, 'bf16'), 'GB', 1),
  b1: row(1),
  b4: row(4),
  b8: row(8),
  b16: row(16),
  b32: row(32),
  flopsRatio: fixed(flopsPerToken(mix, 0) / (2 * c.total), 2),
  flopsSaving: fixed((2 * c.total) / flopsPerToken(mix, 0), 1),
  prefillMs: fixed(prefillMix.timeS * 1e3, 0),
  prefillRegime: prefillMix.regime,
  prefillTokens: int(4096),
  deepseek: ds.name,
  dsNaive: fixed(((dsCounts.total / dsMoe.experts) * dsMoe.expertsPerToken) / 1e9, 1),
  dsActive: fixed(dsCounts.active / 1e9, 1),
  dsTotal: fixed(dsCounts.total / 1e9, 0),
};
