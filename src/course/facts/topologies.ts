// Every figure the "Deployment topologies" chapter prints, computed at build time from the engine.
import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, weightBytes } from '../../engine/memory.ts';
import { INTERCONNECTS, tensorParallelCost } from '../../engine/parallel.ts';
import { decodeCeilingTokensPerS, decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { decideTopology } from '../topology/decide.ts';
import { WORKSTATIONS } from '../topology/workstations.ts';

/** The worked example's givens: an assumed H200 price (prices vary by provider) and the serving shape. */
export const SCENARIO = { usdPerGpuHour: 3, batch: 64, context: 2000, tp: 4 } as const;

/** Figures quoted from the sources and the errata, with where they come from. */
export const QUOTED = {
  /** E004-41: third-party price lists for hosted Llama-3.3-70B (volatile). */
  apiUsdPerMTok: 0.88,
  /** Source 004 §5.6: the manual's volume thresholds, in million tokens per month. */
  smallVolumeMTok: 10,
  largeVolumeMTok: 100,
  workstationClaim: '7–8×',
} as const;

const llama70 = getModel('llama-3.3-70b');
const h200 = getGpu('h200');
const h100 = getGpu('h100-sxm');
const weightsFp8 = weightBytes(llama70, 'fp8');
const pool = vllmCapacity(llama70, h200, { weightPrecision: 'fp8' }).kvCacheBytes;
const kvBatch = SCENARIO.batch * kvBytesForContext(llama70, SCENARIO.context);
const step = decodeStep(llama70, h200, { weightPrecision: 'fp8', batch: SCENARIO.batch, context: SCENARIO.context });
const replicaTokS = step.tokensPerSecondTotal * EFF.low;

const base = {
  dataMustStayInHouse: false,
  hasOpsTeam: true,
  apiUsdPerMTok: QUOTED.apiUsdPerMTok,
  usdPerGpuHour: SCENARIO.usdPerGpuHour,
  gpusPerReplica: 1,
  replicaTokS,
};
const at = (monthlyMTok: number) => decideTopology({ ...base, monthlyMTok });
const small = at(QUOTED.smallVolumeMTok).figures;
const large = at(QUOTED.largeVolumeMTok).figures;
const breakEven = small.breakEvenMTok;

/** The decision tree's defaults: the worked example at the manual's larger threshold. */
export const TREE_DEFAULTS = { ...base, monthlyMTok: QUOTED.largeVolumeMTok };

// Tensor parallelism over fast and slow links: the all-reduces of one decode step for the BF16 model.
const tpOver = (link: 'nvlink4' | 'pcie4') =>
  tensorParallelCost(llama70, {
    tp: SCENARIO.tp,
    batch: SCENARIO.batch,
    linkBytesPerS: INTERCONNECTS[link].bytesPerS,
    weightPrecision: 'bf16',
  });
const tpNvlink = tpOver('nvlink4');
const tpPcie = tpOver('pcie4');
// Time for one rank to stream its share of the weights: the floor of the step that the all-reduces add to.
const rankWeightsS = 1 / decodeCeilingTokensPerS(tpNvlink.weightBytesPerRank, h100.bandwidthBytesPerS);

const w4 = weightBytes(llama70, 'int4');
export const WORKSTATION_ROWS = WORKSTATIONS.map((w) => ({
  name: w.name,
  gbs: int(w.gbs),
  slower: fixed(h100.bandwidthBytesPerS / (w.gbs * 1e9), 1),
  ceiling: fixed(decodeCeilingTokensPerS(w4, w.gbs * 1e9), 1),
}));

const usd = (x: number) => `$${x >= 100 ? int(x) : fixed(x, 2)}`;

export const topologies = {
  model: llama70.name,
  h200: h200.name,
  h100: h100.name,
  weightsFp8: formatBytes(weightsFp8, 'GB'),
  h200Mem: formatBytes(h200.memoryBytes, 'GB', 1),
  h100Mem: formatBytes(h100.memoryBytes, 'GB', 1),
  weightsBf16: formatBytes(weightBytes(llama70, 'bf16'), 'GB', 1),
  bf16H100s: Math.ceil(weightBytes(llama70, 'bf16') / h100.memoryBytes),
  poolGB: formatBytes(pool, 'GB', 1),
  batch: SCENARIO.batch,
  context: int(SCENARIO.context),
  kvBatchGB: formatBytes(kvBatch, 'GB', 1),
  ceilingTokS: int(step.tokensPerSecondTotal),
  eff: fixed(EFF.low * 100, 0),
  replicaTokS: int(replicaTokS),
  price: usd(SCENARIO.usdPerGpuHour),
  monthly: usd(small.replicaMonthlyUsd),
  capacityB: fixed(small.replicaCapacityMTok / 1000, 2),
  fullUsdPerMTok: usd(small.replicaMonthlyUsd / small.replicaCapacityMTok),
  api: usd(QUOTED.apiUsdPerMTok),
  breakEvenB: fixed(breakEven / 1000, 2),
  breakEvenPct: fixed((breakEven / small.replicaCapacityMTok) * 100, 0),
  breakEvenTex: String.raw`V^{*} = \frac{\text{replica cost per month}}{\text{API price per MTok}} = \frac{${usd(small.replicaMonthlyUsd).replace('$', '\\$').replace(',', '{,}')}}{\$${fixed(QUOTED.apiUsdPerMTok, 2)}/\text{MTok}} \approx ${fixed(breakEven, 0).replace(',', '{,}')}\ \text{MTok per month}`,
  smallVolume: int(QUOTED.smallVolumeMTok),
  largeVolume: int(QUOTED.largeVolumeMTok),
  smallApi: usd(small.apiMonthlyUsd),
  largeApi: usd(large.apiMonthlyUsd),
  smallUtilPct: fixed(small.utilization * 100, 2),
  largeUtilPct: fixed(large.utilization * 100, 1),
  largeSelfUsdPerMTok: usd(large.selfHostedUsdPerMTok),
  w4GB: formatBytes(w4, 'GB'),
  h100Bandwidth: int(h100.bandwidthBytesPerS / 1e9),
  tp: SCENARIO.tp,
  allReduces: tpNvlink.allReducesPerStep,
  rankWeightsGB: formatBytes(tpNvlink.weightBytesPerRank, 'GB', 1),
  rankWeightsMs: fixed(rankWeightsS * 1e3, 1),
  nvlinkName: INTERCONNECTS.nvlink4.name,
  pcieName: INTERCONNECTS.pcie4.name,
  tpNvlinkMs: fixed(tpNvlink.commTimePerStepS * 1e3, 1),
  tpPcieMs: fixed(tpPcie.commTimePerStepS * 1e3, 1),
};
