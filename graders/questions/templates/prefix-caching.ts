import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesPerToken } from '../../../src/engine/memory.ts';
import { blockBytes, prefixScenario } from '../../../src/engine/paged.ts';
import { prefillTime } from '../../../src/engine/prefill.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

/** Models whose every layer attends to the whole context, so the prefix arithmetic is the plain one. */
const FULL_ATTENTION = BASE_MODELS.filter((m) => !m.mla && m.layerWindows.every((w) => w === null));
const kvLine = (m: Model) => `${m.name} (BF16 cache, ${int(kvBytesPerToken(m))} B per token)`;

interface ShareParams {
  modelId: string;
  prefix: number;
  unique: number;
  requests: number;
  blockSize: number;
}

function draw(rng: Random): ShareParams {
  return {
    modelId: rng.pick(FULL_ATTENTION).id,
    prefix: rng.int(300, 6000),
    unique: rng.int(100, 2000),
    requests: rng.pick([8, 16, 32, 50, 64, 100, 128]),
    blockSize: rng.pick([16, 32]),
  };
}

export const memorySaved: NumericTemplate<ShareParams> = {
  id: 'prefix-caching/memory-saved',
  topic: 'prefix-sharing',
  title: 'Memory saved by sharing a prefix',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate: draw,
  text(p) {
    const m = getModel(p.modelId);
    return `${p.requests} concurrent requests to ${kvLine(m)} start with the same ${int(p.prefix)}-token system prompt, then add ${int(p.unique)} tokens each. The server pages the cache in ${p.blockSize}-token blocks and shares full blocks of a common prefix. How much KV memory does sharing save compared with every request holding its own copy? Answer in GB or GiB, with the unit. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const s = prefixScenario(m, p);
    const value = s.held.prefixSeparate - s.held.prefixShared;
    return {
      value,
      steps: [
        `Full prefix blocks: ⌊${int(p.prefix)} ÷ ${p.blockSize}⌋ = ${s.sharedBlocks}; the last ${s.tailTokens} prefix tokens stay in each request's own blocks.`,
        `One block: ${p.blockSize} × ${int(kvBytesPerToken(m))} B = ${formatBytes(blockBytes(m, p.blockSize), 'MB', 3)}.`,
        `Sharing keeps one copy instead of ${p.requests}: saved = (${p.requests} − 1) × ${s.sharedBlocks} blocks × ${formatBytes(blockBytes(m, p.blockSize), 'MB', 3)} = ${formatBytes(value, 'GB', 3)}.`,
      ],
    };
  },
};

export const cascadeReads: NumericTemplate<ShareParams> = {
  id: 'prefix-caching/cascade-reads',
  topic: 'prefix-sharing',
  title: 'KV read per step with a shared-prefix kernel',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate: draw,
  text(p) {
    const m = getModel(p.modelId);
    return `${p.requests} sequences of ${kvLine(m)} decode together. Each has a context of ${int(p.prefix)} shared prefix tokens plus ${int(p.unique)} tokens of its own. With a shared-prefix (cascade) attention kernel that reads the common prefix once for the whole batch, how many bytes of KV cache does one decode step read? Leave the weights out. Answer in GB or GiB. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const s = prefixScenario(m, p);
    const value = s.read.prefixCascade + s.read.own;
    return {
      value,
      steps: [
        `Prefix, read once: ${int(p.prefix)} × ${int(kvBytesPerToken(m))} B = ${formatBytes(s.read.prefixCascade, 'GB', 3)}.`,
        `Own parts: ${p.requests} × ${int(p.unique)} × ${int(kvBytesPerToken(m))} B = ${formatBytes(s.read.own, 'GB', 3)}.`,
        `Total ${formatBytes(value, 'GB', 3)}, against ${formatBytes(s.read.prefixStandard + s.read.own, 'GB', 3)} when every sequence reads the prefix itself.`,
      ],
    };
  },
};

interface PrefillParams {
  modelId: string;
  gpuId: string;
  prefix: number;
}

export const prefillSaved: NumericTemplate<PrefillParams> = {
  id: 'prefix-caching/prefill-saved',
  topic: 'prefix-caching',
  title: 'Prefill time a cache hit skips',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.03 },
  generate(rng) {
    return {
      modelId: rng.pick(FULL_ATTENTION).id,
      gpuId: rng.pick(GPUS).id,
      prefix: rng.pick([1000, 2000, 4000, 8000]),
    };
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `A request to ${m.name} hits the prefix cache for its first ${int(p.prefix)} tokens. Counting 2 FLOPs per active parameter per token plus attention over the preceding tokens, how long would prefilling those tokens have taken at the ${g.name}'s peak dense BF16 rate (${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS)? Answer in ms. (±3%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const prefill = prefillTime(m, g, { promptTokens: p.prefix, weightPrecision: 'bf16' });
    const flops = prefill.flops;
    const value = prefill.computeTimeS;
    return {
      value,
      steps: [
        `Prefill FLOPs ≈ ${int(p.prefix)} tokens × 2 × active parameters, plus 4 × layers × query width × position for attention, summed over positions: ${fixed(flops / 1e12, 2)} TFLOP.`,
        `Time at peak = ${fixed(flops / 1e12, 2)} TFLOP ÷ ${fixed(g.denseOpsPerS.bf16 / 1e12, 1)} TFLOPS = ${fixed(value * 1e3, 1)} ms; a real prefill runs below peak, so the saving is larger.`,
      ],
    };
  },
};

export const PREFIX_CACHING_TEMPLATES = [memorySaved, cascadeReads, prefillSaved];
