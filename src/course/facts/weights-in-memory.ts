// Every figure the weights-in-memory chapter prints: bytes per parameter, what fits where, and how long loading takes.
import { GPUS, getGpu, getModel, MODELS } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { bytesPerElement, PRECISION_LABEL, PRECISIONS, type Precision } from '../../engine/precision.ts';
import { fixed, formatBytes, GiB, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');

/**
 * Figures the chapter quotes, each with its source:
 * - manualOverheadGB: source 004 §0.1 ("140GB + ~20GB overhead"), corrected by errata E004-05.
 * - manualFreeGB, manualUsers: source 004 §0.6 ("a full 45GB free … hundreds of concurrent users"), errata E004-13.
 * - pcieGen4, pcieGen5: host-to-GPU bandwidth of a ×16 link, "typically 32–64 GB/s" (errata E004-27; PCI-SIG).
 * - nvme: sequential read of a fast PCIe 4.0 NVMe drive, 7,450 MB/s (Samsung 990 PRO datasheet).
 */
export const QUOTED = {
  manualOverheadGB: '20 GB',
  manualFreeGB: '45GB',
  manualUsers: 'hundreds',
  pcieGen4: 32e9,
  pcieGen5: 64e9,
  nvme: 7.45e9,
} as const;

export const precisionRows = PRECISIONS.map((p) => ({
  label: PRECISION_LABEL[p],
  bytes: bytesPerElement(p),
  gb70: formatBytes(weightBytes(llama70, p), 'GB', 1),
  gib70: formatBytes(weightBytes(llama70, p), 'GiB', 1),
  gb8: formatBytes(weightBytes(llama8, p), 'GB', 1),
}));

/** For the chart: every catalog model at three serving precisions. */
const CHART_PRECISIONS: Precision[] = ['bf16', 'int8', 'int4'];
export const weightChartRows = MODELS.flatMap((m) =>
  CHART_PRECISIONS.map((p) => ({ model: m.name, precision: PRECISION_LABEL[p], GB: weightBytes(m, p) / 1e9 })),
);
export const gpuLines = GPUS.filter((g) => ['rtx-4090', 'l40s', 'h100-sxm', 'h200'].includes(g.id)).map((g) => ({
  name: g.name,
  GB: g.memoryBytes / 1e9,
}));

const int4 = weightBytes(llama70, 'int4');
/** As a server loads it: 4-bit groups of 128 with FP16 scales and zero points; embeddings, head and norms kept 16-bit. */
const int4Real = weightMemory(llama70, { precision: 'int4' });
const freeInt4 = h100.memoryBytes - int4;
const kvTok = kvBytesPerToken(llama70);
const userCtx = 4096;
const usersInt4 = Math.floor(freeInt4 / kvBytesForContext(llama70, userCtx));
const shortCtx = 100;
const manualFree = Number.parseFloat(QUOTED.manualFreeGB) * 1e9;

const bf16_70 = weightBytes(llama70, 'bf16');
const long = llama70.maxContext;

export const weightsInMemory = {
  model70: llama70.name,
  model8: llama8.name,
  gpu: h100.name,
  params70: int(paramCounts(llama70).total),
  params70B: fixed(paramCounts(llama70).total / 1e9, 2),
  bf16_70GB: formatBytes(bf16_70, 'GB', 1),
  bf16_70GiB: formatBytes(bf16_70, 'GiB', 1),
  gibGap: fixed((GiB / 1e9 - 1) * 100, 1),
  h100GB: formatBytes(h100.memoryBytes, 'GB', 1),
  h100GiB: formatBytes(h100.memoryBytes, 'GiB', 1),
  h100Label: h100.memoryLabel,
  manualOverheadGB: QUOTED.manualOverheadGB,
  long: int(long),
  kvLongGB: formatBytes(kvBytesForContext(llama70, long), 'GB', 1),
  int4GB: formatBytes(int4, 'GB', 1),
  int4RealGB: formatBytes(int4Real.totalBytes, 'GB', 1),
  int4MetaGB: formatBytes(int4Real.metadataBytes, 'GB', 1),
  int4KeptGB: formatBytes(int4Real.unquantizedBytes, 'GB', 1),
  int4Overhead: fixed((int4Real.totalBytes / int4 - 1) * 100, 0),
  freeInt4GB: formatBytes(freeInt4, 'GB', 1),
  userCtx: int(userCtx),
  usersInt4: int(usersInt4),
  tokensInt4: int(freeInt4 / kvTok),
  manualFreeGB: QUOTED.manualFreeGB,
  manualUsers: QUOTED.manualUsers,
  manualFreeTokens: int(manualFree / kvTok),
  manualFreeUsers: int(Math.floor(manualFree / kvBytesForContext(llama70, userCtx))),
  shortCtx: int(shortCtx),
  usersFor100: int(Math.floor(freeInt4 / (shortCtx * kvTok))),
  kvLongVsOverhead: fixed(kvBytesForContext(llama70, long) / (Number.parseFloat(QUOTED.manualOverheadGB) * 1e9), 1),
  loadNvmeS: fixed(bf16_70 / QUOTED.nvme, 0),
  loadGen4S: fixed(bf16_70 / QUOTED.pcieGen4, 1),
  loadGen5S: fixed(bf16_70 / QUOTED.pcieGen5, 1),
  nvmeGBs: fixed(QUOTED.nvme / 1e9, 2),
  gen4GBs: fixed(QUOTED.pcieGen4 / 1e9, 0),
  gen5GBs: fixed(QUOTED.pcieGen5 / 1e9, 0),
  hbmGBs: int(h100.bandwidthBytesPerS / 1e9),
  hbmVsGen4: fixed(h100.bandwidthBytesPerS / QUOTED.pcieGen4, 0),
  readOnceMs: fixed((bf16_70 / h100.bandwidthBytesPerS) * 1e3, 0),
};
