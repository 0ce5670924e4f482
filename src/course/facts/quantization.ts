// Every figure the quantization chapter prints, computed by the engine at build time.

import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { decodeCeilingTokensPerS } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { effectiveBits, schemeWeights, WEIGHT_SCHEMES, type WeightScheme } from '../../engine/weight-schemes.ts';

/**
 * Claims and measurements quoted, each with its source: 004 Ch 0.6 as corrected by errata E004-12/13/14/15; GPTQ's
 * --nsamples default (https://github.com/IST-DASLab/gptq); Marlin's MMLU figures (https://github.com/IST-DASLab/marlin);
 * llama.cpp k-quants (https://github.com/ggml-org/llama.cpp/pull/1684); EXL2 (https://github.com/turboderp-org/exllamav2);
 * arXiv:2411.02355.
 */
export const QUOTED = {
  fourTimes: '4 times faster',
  freeGB: '45 GB',
  calibration: 'a few thousand',
  gptqSamples: 128,
  gptqTokens: '2,048',
  int8Drop: '1–3% drop',
  int4Drop: '5–10% drop',
  mmluBase: '65.43',
  mmluQuant: '64.81',
  q4k: 'Q4_K',
  /** llama.cpp k-quants: 4-bit quants + 6-bit scale and min per 32 + two fp16 per 256 = 4.5 bits per weight. */
  q4kBits: '4.5',
  /** llama.cpp k-quants layout: super-blocks of 256 weights, 6-bit sub-block scales. */
  kSuperBlock: '256',
  kSubScaleBits: '6',
  /** ExLlamaV2 README: EXL2 averages anywhere between 2 and 8 bits per weight. */
  exl2Range: '2 to 8',
  /** The manual's figures (E004-12, E004-13). */
  manualBf16: '140 GB',
  manualInt4: '35 GB',
  manualCard: '80 GB',
  /** Kurtic et al. (arXiv:2411.02355). */
  evaluations: '500,000',
  w8a8IntLoss: '1–3%',
  recovery: '98–99%',
} as const;

const model = getModel('llama-3.3-70b');
const h100 = getGpu('h100-sxm');
const h200 = getGpu('h200');
const CTX = 4000;
const CTX1K = 1000;

export const SCHEMES_SHOWN: WeightScheme[] = ['bf16', 'fp8', 'int8', 'int4-g128', 'int4-g128-zp'];
const w4 = schemeWeights(model, 'int4-g128-zp').totalBytes;
const naive4 = paramCounts(model).total * 0.5;
const perToken = kvBytesPerToken(model);
const int8Cap = vllmCapacity(model, h100, { weightPrecision: 'int8' });
const int8Room = int8Cap.kvCacheBytes;
const w4Room = vllmCapacity(model, h100, { weightPrecision: 'int4' }).kvCacheBytes;
const bf16Cap = vllmCapacity(model, h100, { weightPrecision: 'bf16' });
const quotedFree = Number.parseFloat(QUOTED.freeGB) * 1e9;
const gb = (b: number) => formatBytes(b, 'GB', 2);

export const quantization = {
  model: model.name,
  h100: h100.name,
  h200: h200.name,
  bitsTex: String.raw`4 + \frac{16}{128} = ${fixed(effectiveBits('int4-g128'), 3)}\ \text{bits (scales only)}, \qquad 4 + \frac{16 + 4}{128} = ${fixed(effectiveBits('int4-g128-zp'), 3)}\ \text{bits (scales and zero points)}, \qquad \frac{16}{${fixed(effectiveBits('int4-g128'), 3)}} = ${fixed(16 / effectiveBits('int4-g128'), 2)}\times`,
  marlinCap: fixed(16 / effectiveBits('int4-g128'), 2),
  group: schemeWeights(model, 'int4-g128').quantization?.groupSize ?? 0,
  bf16Fits: bf16Cap.willStart,
  rows: SCHEMES_SHOWN.map((s) => {
    const b = schemeWeights(model, s);
    return {
      scheme: WEIGHT_SCHEMES[s].label,
      quantized: s === 'bf16' ? '—' : gb(b.quantizedBytes),
      meta: s === 'bf16' ? '—' : b.metadataBytes < 1e6 ? 'negligible' : gb(b.metadataBytes),
      kept: gb(b.unquantizedBytes),
      total: gb(b.totalBytes),
    };
  }),
  w4Total: formatBytes(w4, 'GB', 1),
  naive4: formatBytes(naive4, 'GB', 1),
  w4Ceiling: fixed(decodeCeilingTokensPerS(w4, h200.bandwidthBytesPerS), 0),
  naiveCeiling: fixed(decodeCeilingTokensPerS(naive4, h200.bandwidthBytesPerS), 0),
  h200Bw: int(h200.bandwidthBytesPerS / 1e9),
  w4Speedup: fixed(weightBytes(model, 'bf16') / w4, 2),
  int8Room: `${formatBytes(int8Room, 'GB', 1)} (${formatBytes(int8Room, 'GiB', 1)})`,
  int8Tokens: int(Math.floor(int8Room / perToken)),
  int8MaxLen: int(int8Cap.largestFittingModelLen),
  w4Room: formatBytes(w4Room, 'GB', 1),
  w4Users: int(vllmCapacity(model, h100, { weightPrecision: 'int4', typicalTokens: CTX }).pagedSequences),
  ctx: int(CTX),
  ctx1k: int(CTX1K),
  quotedTokens: int(Math.floor(quotedFree / perToken)),
  quotedUsers4k: int(Math.floor(quotedFree / kvBytesForContext(model, CTX))),
  quotedUsers1k: int(Math.floor(quotedFree / kvBytesForContext(model, CTX1K))),
  hundredsBelow: int(Math.floor(quotedFree / perToken / 200)),
  h100MemGB: formatBytes(h100.memoryBytes, 'GB', 1),
};
