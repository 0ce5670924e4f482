// Every figure the prefix-caching chapter prints, computed by the engine at build time.

import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { prefixScenario } from '../../engine/paged.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeCeilingTokensPerS } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';

/**
 * Claims quoted, each with its source: 004 Ch 2.6 on bandwidth (errata E004-25, which also gives FlashInfer's cascade
 * figures, https://github.com/flashinfer-ai/flashinfer) and 004 Ch 2.4's 100 sharers.
 */
export const QUOTED = {
  noBandwidth: 'no savings on bandwidth',
  cascadeSpeedup: 'up to 31×',
  cascadePrefix: '32K',
  cascadeBatch: '256',
  sharers: 100,
} as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const cap = vllmCapacity(model, gpu);
const B = cap.blockSize;
const PREFIX = 2000;
const UNIQUE = 600;
const N = 100;

export const scenario = prefixScenario(model, { prefix: PREFIX, unique: UNIQUE, requests: N, blockSize: B });
export const weightsHeld = weightMemory(model).totalBytes;
const pool = cap.kvCacheBytes;
const poolBlocks = cap.blocks;
const stepMs = (bytes: number) => (1e3 / decodeCeilingTokensPerS(bytes, gpu.bandwidthBytesPerS)).toFixed(1);
const readNaive = scenario.weightBytesRead + scenario.read.prefixStandard + scenario.read.own;
const readCascade = scenario.weightBytesRead + scenario.read.prefixCascade + scenario.read.own;
const bytesSeparate = scenario.held.prefixSeparate + scenario.held.own;
const bytesShared = scenario.held.prefixShared + scenario.held.own;
const prefill = prefillTime(model, gpu, { promptTokens: PREFIX, weightPrecision: model.dtype });

const ODD_PREFIX = 1000;
const ODD_BLOCK = 64;
const odd = prefixScenario(model, { prefix: ODD_PREFIX, unique: 0, requests: 1, blockSize: ODD_BLOCK });
const tex = (n: number) => int(n).replace(/,/g, '{,}');
const gb = (b: number) => fixed(b / 1e9, 2);

export const prefixCaching = {
  model: model.name,
  gpu: gpu.name,
  prefix: int(PREFIX),
  unique: int(UNIQUE),
  requests: int(N),
  memoryTex: String.raw`\underbrace{${N} \times ${scenario.blocksEach}}_{\text{separate}} = ${tex(scenario.blocksSeparate)}\ \text{blocks} \approx ${gb(bytesSeparate)}\ \text{GB}
  \qquad
  \underbrace{${scenario.sharedBlocks} + ${N} \times ${scenario.blocksEach - scenario.sharedBlocks}}_{\text{shared}} = ${tex(scenario.blocksShared)}\ \text{blocks} \approx ${gb(bytesShared)}\ \text{GB}`,
  memorySaving: `${fixed((1 - bytesShared / bytesSeparate) * 100, 0)}%`,
  pool: formatBytes(pool, 'GB'),
  concurrencySeparate: int(Math.floor(poolBlocks / scenario.blocksEach)),
  concurrencyShared: int(
    Math.floor((poolBlocks - scenario.sharedBlocks) / (scenario.blocksEach - scenario.sharedBlocks)),
  ),
  prefillTflop: fixed(prefill.flops / 1e12, 1),
  prefillMs: fixed(prefill.timeS * 1e3, 0),
  readNaive: formatBytes(readNaive, 'GB'),
  readCascade: formatBytes(readCascade, 'GB'),
  stepNaive: stepMs(readNaive),
  stepCascade: stepMs(readCascade),
  manualSaving: `${fixed(((QUOTED.sharers - 1) / QUOTED.sharers) * 100, 0)}%`,
  oddPrefix: int(ODD_PREFIX),
  oddBlock: ODD_BLOCK,
  oddShared: odd.sharedBlocks,
  oddSharedTokens: int(odd.sharedBlocks * ODD_BLOCK),
  oddTail: odd.tailTokens,
};
