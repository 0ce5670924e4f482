import { z } from 'zod';
import type { Gpu } from './catalog/gpu.ts';
import type { Model } from './catalog/model.ts';
import { parseInput } from './errors.ts';
import { kvBytesForContext, kvBytesPerTokenPerLayer, weightBytes } from './memory.ts';
import { Precision } from './precision.ts';
import { GiB, MiB } from './units.ts';
import { weightMemory } from './weights.ts';

const whole = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1`)
    .max(max, `${what} must be at most ${max.toLocaleString('en-US')}`);
const bytes = (what: string) =>
  z
    .number({ error: `${what} must be a number of bytes` })
    .min(0, `${what} cannot be negative`)
    .max(2 ** 50, `${what} is implausibly large (over 1 PiB)`);

export const CapacityInput = z.object({
  /** Share of the GPU's memory vLLM may use (its --gpu-memory-utilization; 0.9 by default). */
  gpuMemoryUtilization: z
    .number({ error: 'must be a number' })
    .gt(0, 'must be above 0')
    .max(1, 'must be at most 1')
    .default(0.9),
  tp: whole('tp', 1024).default(1),
  /** Longest sequence the server accepts; defaults to the model's max_position_embeddings, as vLLM does. */
  maxModelLen: whole('maxModelLen', 100_000_000).optional(),
  /** Tokens the profiling forward pass (and every later step) may hold; vLLM's default depends on the GPU. */
  maxNumBatchedTokens: whole('maxNumBatchedTokens', 10_000_000).optional(),
  maxNumSeqs: whole('maxNumSeqs', 1_000_000).optional(),
  blockSize: whole('blockSize', 4096).optional(),
  /** Store weights at this precision instead of what the checkpoint says. */
  weightPrecision: Precision.optional(),
  /** KV-cache element format; defaults to the 16-bit serving dtype (vLLM kv_cache_dtype=auto). */
  kvPrecision: Precision.optional(),
  /** No CUDA graphs (--enforce-eager): nothing is set aside for them. */
  enforceEager: z.boolean().default(false),
  /** Typical sequence length, for the paged-versus-contiguous comparison; defaults to maxModelLen. */
  typicalTokens: whole('typicalTokens', 100_000_000).optional(),
  /** Overrides of the estimated parts, in bytes (per GPU). */
  cudaMemoryBytes: bytes('cudaMemoryBytes').optional(),
  weightBytes: bytes('weightBytes').optional(),
  activationBytes: bytes('activationBytes').optional(),
  nonTorchBytes: bytes('nonTorchBytes').optional(),
  cudaGraphBytes: bytes('cudaGraphBytes').optional(),
});
export type CapacityInput = z.input<typeof CapacityInput>;

/** The card as capacity planning needs it: nvidia-smi's total, and what CUDA reports when it was measured. */
export interface CapacityGpu {
  name: string;
  memoryBytes: number;
  cudaMemoryBytes?: number | undefined;
}

/** One assumption behind the figure: what it is, its value, where it comes from, and whether the caller set it. */
export interface CapacityAssumption {
  name: string;
  value: number;
  unit: 'bytes' | 'tokens' | 'sequences' | 'fraction';
  basis: string;
  overridden: boolean;
}

export interface KvGroupLayout {
  /** Attention window of the layers in this kind of group; null for full attention. */
  window: number | null;
  layers: number;
  groups: number;
}

export interface Capacity {
  willStart: boolean;
  /** Why the engine would refuse to start, in vLLM's terms; null when it starts. */
  problem: string | null;
  cudaMemoryBytes: number;
  requestedBytes: number;
  weightBytesPerRank: number;
  activationBytes: number;
  nonTorchBytes: number;
  cudaGraphBytes: number;
  /** Memory left for the KV cache on each GPU. */
  kvCacheBytes: number;
  /** KV bytes one token occupies on one GPU, summed over the layers that hold pages (padding included). */
  bytesPerToken: number;
  /** Bytes of one block of one layer. */
  pageBytes: number;
  blockSize: number;
  blocks: number;
  /** KV-cache size in tokens as vLLM logs it ("GPU KV cache size: N tokens"). */
  kvTokens: number;
  maxModelLen: number;
  maxNumBatchedTokens: number;
  maxNumSeqs: number;
  /** Requests of maxModelLen tokens that fit at once ("Maximum concurrency for N tokens per request"). */
  maxConcurrency: number;
  /** maxConcurrency × maxModelLen: what newer vLLM logs as the cache size for sliding-window models. */
  kvTokensAtMaxModelLen: number;
  /** KV bytes one maxModelLen request needs on one GPU. */
  bytesPerMaxLenRequest: number;
  /** Largest max_model_len whose KV fits, when maxModelLen does not. */
  largestFittingModelLen: number;
  groups: KvGroupLayout[];
  /** Sequences that fit if each reserves maxModelLen contiguously (as before PagedAttention). */
  contiguousSequences: number;
  /** Sequences of typicalTokens that fit with paged allocation. */
  pagedSequences: number;
  typicalTokens: number;
  kvPrecision: Precision;
  assumptions: CapacityAssumption[];
}

/** Memory the driver keeps from CUDA on cards whose CUDA total was not measured (H100: 81,559 − 81,106 MiB). */
export const DRIVER_RESERVE_BYTES = 453 * MiB;

/**
 * Calibration of the profiling-run activation peak against vLLM v0.19.0 logs on H100s (torch peak increase):
 * Llama-3.1-8B 1.89 GiB, Qwen2.5-7B 2.21, Qwen3-8B 2.21, Phi-4 1.52, Gemma-2 2B/9B/27B 3.62/3.65/3.66, the same at
 * TP 1, 2 and 4 (github.com/llm-d-incubation/llm-d-planner accuracy/results/v0.19.0/accuracy_report.md). The peak
 * follows the vocabulary, not the MLP: the sampler holds about 3.66 fp32 copies of every request's logits (gathered
 * to the full vocabulary on each rank), on top of ~2.5 bytes per hidden unit per batched token. MoE layers add their
 * routed-token workspace. vLLM before 0.17 peaked about 2.5× higher (5.64 vs 2.23 GiB for Qwen3-14B).
 */
export const ACTIVATION_MODEL = {
  logitCopies: 3.66,
  hiddenBytesPerToken: 2.5,
  moeBytesPerRoutedToken: 4,
} as const;

/** Non-torch memory allocated during profiling (cuBLAS workspaces; NCCL and custom all-reduce buffers when TP > 1). */
export const NON_TORCH_BYTES = { single: 0.25 * GiB, tensorParallel: 2.1 * GiB } as const;

function vllmDefaults(cudaBytes: number, gpuName: string): { batchedTokens: number; seqs: number; large: boolean } {
  // vLLM EngineArgs.get_batch_defaults: cards of 70 GiB or more except A100s get 8192 tokens and 1024 sequences
  // for `vllm serve`; others 2048 and 256.
  const large = cudaBytes >= 70 * GiB && !/a100/i.test(gpuName);
  return large ? { batchedTokens: 8192, seqs: 1024, large } : { batchedTokens: 2048, seqs: 256, large };
}

/** Estimated torch activation peak of vLLM's profiling run, per GPU. */
export function profileActivationBytes(m: Model, batchedTokens: number, maxNumSeqs: number, tp: number): number {
  const requests = Math.min(maxNumSeqs, batchedTokens);
  const logits = requests * m.vocabSize * 4 * ACTIVATION_MODEL.logitCopies;
  const hidden = batchedTokens * m.hiddenSize * ACTIVATION_MODEL.hiddenBytesPerToken;
  const moe = m.moe
    ? batchedTokens *
      m.moe.expertsPerToken *
      ACTIVATION_MODEL.moeBytesPerRoutedToken *
      Math.max(m.hiddenSize, m.moe.expertIntermediateSize / tp)
    : 0;
  return logits + hidden + moe;
}

/** CUDA-graph memory vLLM (0.21 and later) sets aside: ~0.84 GiB for 512 capture sizes on an H100, less with fewer. */
export function cudaGraphEstimateBytes(maxNumSeqs: number): number {
  return 0.35 * GiB + 0.5 * GiB * Math.min(1, maxNumSeqs / 1024);
}

/** vLLM's grouping of layers into KV-cache groups of equal size (the hybrid allocator, kv_cache_utils.py). */
export function kvCacheGroups(m: Model): KvGroupLayout[] {
  const byWindow = new Map<number | null, number>();
  for (const w of m.layerWindows) byWindow.set(w, (byWindow.get(w) ?? 0) + 1);
  if (byWindow.size === 1) {
    const [w, layers] = [...byWindow.entries()][0] as [number | null, number];
    return [{ window: w, layers, groups: 1 }];
  }
  const counts = [...byWindow.values()];
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  const size = max < 1.5 * min ? max : min;
  return [...byWindow.entries()].map(([window, layers]) => ({
    window,
    layers: size,
    groups: Math.ceil(layers / size),
  }));
}

/** Blocks one request of `tokens` tokens needs across the groups (sliding layers keep a window plus one block). */
function blocksPerRequest(groups: KvGroupLayout[], tokens: number, block: number, batchedTokens: number): number {
  let n = 0;
  for (const g of groups) {
    const perGroup =
      g.window === null
        ? Math.ceil(tokens / block)
        : Math.ceil(Math.min(g.window - 1 + batchedTokens, tokens) / block) + 1;
    n += perGroup * g.groups;
  }
  return n;
}

/**
 * How many KV tokens and concurrent sequences fit, sized the way vLLM sizes its pool (gpu_worker.py,
 * kv_cache_utils.py): CUDA total × gpu_memory_utilization − weights per rank − the profiling run's activation peak −
 * non-torch memory − CUDA graphs, then whole blocks of block_size tokens. Every estimate is in `assumptions`.
 */
export function vllmCapacity(m: Model, gpu: CapacityGpu, input: CapacityInput = {}): Capacity {
  const i = parseInput(CapacityInput, input, 'capacity input');
  const tp = i.tp;
  const assumptions: CapacityAssumption[] = [];
  const note = (name: string, value: number, unit: CapacityAssumption['unit'], basis: string, overridden: boolean) =>
    assumptions.push({ name, value, unit, basis, overridden });

  const measured = i.cudaMemoryBytes ?? gpu.cudaMemoryBytes;
  const cudaBytes = measured ?? gpu.memoryBytes - DRIVER_RESERVE_BYTES;
  note(
    'GPU memory as CUDA reports it',
    cudaBytes,
    'bytes',
    i.cudaMemoryBytes !== undefined
      ? 'given'
      : gpu.cudaMemoryBytes !== undefined
        ? `measured total for ${gpu.name} (nvidia-smi shows ${(gpu.memoryBytes / MiB).toFixed(0)} MiB)`
        : `nvidia-smi total ${(gpu.memoryBytes / MiB).toFixed(0)} MiB less ~${DRIVER_RESERVE_BYTES / MiB} MiB the driver keeps (as on an H100)`,
    i.cudaMemoryBytes !== undefined,
  );
  const requested = cudaBytes * i.gpuMemoryUtilization;
  note(
    'gpu_memory_utilization',
    i.gpuMemoryUtilization,
    'fraction',
    'vLLM default 0.9 unless given',
    input.gpuMemoryUtilization !== undefined,
  );

  const defaults = vllmDefaults(cudaBytes, gpu.name);
  const maxModelLen = i.maxModelLen ?? m.maxContext;
  note(
    'max_model_len',
    maxModelLen,
    'tokens',
    i.maxModelLen !== undefined ? 'given' : "the model's max_position_embeddings, vLLM's default",
    i.maxModelLen !== undefined,
  );
  const batched = i.maxNumBatchedTokens ?? defaults.batchedTokens;
  note(
    'max_num_batched_tokens',
    batched,
    'tokens',
    i.maxNumBatchedTokens !== undefined
      ? 'given'
      : `vLLM serve default for ${defaults.large ? 'cards of 70 GiB or more (not A100)' : 'this card'}`,
    i.maxNumBatchedTokens !== undefined,
  );
  const seqs = i.maxNumSeqs ?? defaults.seqs;
  note(
    'max_num_seqs',
    seqs,
    'sequences',
    i.maxNumSeqs !== undefined ? 'given' : 'vLLM serve default for this card',
    i.maxNumSeqs !== undefined,
  );

  // vLLM serves float32 checkpoints in 16-bit unless told otherwise (dtype=auto).
  const servingDtype: Precision = m.dtype === 'fp32' ? 'bf16' : m.dtype;
  const weightPrecision = i.weightPrecision ?? (m.dtype === 'fp32' ? servingDtype : undefined);
  const wm = weightMemory(m, { precision: weightPrecision, tp });
  let weights = wm.perRankBytes;
  let weightBasis = `checkpoint weights per rank (${wm.quantization ? `${wm.quantization.method} ${wm.quantization.bits}-bit` : wm.dtype}, TP ${tp})`;
  if (!i.weightPrecision && m.quantization?.format === 'mxfp4' && m.moe) {
    // vLLM's MXFP4 MoE kernels pad each rank's expert width to a multiple of 256 (gpt-oss: 2,880 → 3,072).
    const width = m.moe.expertIntermediateSize / tp;
    const padded = Math.ceil(width / 256) * 256;
    weights += ((wm.byKind.expert ?? 0) / tp) * (padded / width - 1);
    weightBasis += `, experts padded from ${width} to ${padded} wide as vLLM's MXFP4 kernels do`;
  }
  if (i.weightBytes !== undefined) weights = i.weightBytes;
  note(
    'weights per GPU',
    weights,
    'bytes',
    i.weightBytes !== undefined ? 'given' : weightBasis,
    i.weightBytes !== undefined,
  );

  const activation = i.activationBytes ?? profileActivationBytes(m, batched, seqs, tp);
  note(
    'activation peak of the profiling run',
    activation,
    'bytes',
    i.activationBytes !== undefined
      ? 'given'
      : `${ACTIVATION_MODEL.logitCopies} fp32 copies of ${Math.min(seqs, batched)} requests' logits plus ${batched} tokens' hidden states${m.moe ? ' and routed-expert workspace' : ''}; calibrated on vLLM 0.19 logs (earlier versions peak ~2.5× higher)`,
    i.activationBytes !== undefined,
  );
  const nonTorch = i.nonTorchBytes ?? (tp > 1 ? NON_TORCH_BYTES.tensorParallel : NON_TORCH_BYTES.single);
  note(
    'non-torch memory (CUDA libraries, NCCL buffers)',
    nonTorch,
    'bytes',
    i.nonTorchBytes !== undefined
      ? 'given'
      : tp > 1
        ? 'NCCL and custom all-reduce buffers at TP > 1 (~2.1 GiB on H100s)'
        : 'cuBLAS/attention workspaces (~0.25 GiB)',
    i.nonTorchBytes !== undefined,
  );
  const cudaGraph = i.cudaGraphBytes ?? (i.enforceEager ? 0 : cudaGraphEstimateBytes(seqs));
  note(
    'CUDA graph memory',
    cudaGraph,
    'bytes',
    i.cudaGraphBytes !== undefined
      ? 'given'
      : i.enforceEager
        ? 'none: --enforce-eager'
        : 'vLLM ≥ 0.21 deducts its estimate (0.84 GiB logged for 1,024 sequences on an H100); earlier versions take it from the unused headroom',
    i.cudaGraphBytes !== undefined,
  );

  const kvCacheBytes = requested - weights - activation - nonTorch - cudaGraph;
  const kvPrecision = i.kvPrecision ?? servingDtype;
  const block = i.blockSize ?? (m.mla ? 64 : 16);
  note(
    'block_size',
    block,
    'tokens',
    i.blockSize !== undefined ? 'given' : m.mla ? 'MLA attention backends use 64-token blocks' : "vLLM's default",
    i.blockSize !== undefined,
  );
  const groups = kvCacheGroups(m);
  const layersPerPool = Math.max(...groups.map((g) => g.layers));
  const numGroups = groups.reduce((s, g) => s + g.groups, 0);
  const pageBytes = block * kvBytesPerTokenPerLayer(m, kvPrecision, { tp });
  const blocks = kvCacheBytes > 0 ? Math.floor(kvCacheBytes / (pageBytes * layersPerPool)) : 0;
  const kvTokens = Math.floor(blocks / numGroups) * block;
  const perRequest = blocksPerRequest(groups, maxModelLen, block, batched);
  const maxConcurrency = blocks / perRequest;
  const bytesPerMaxLenRequest = perRequest * pageBytes * layersPerPool;
  const bytesPerToken = (pageBytes / block) * layersPerPool * numGroups;

  let largestFittingModelLen = maxModelLen;
  if (perRequest > blocks) {
    let lo = 0;
    let hi = maxModelLen;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (blocksPerRequest(groups, mid, block, batched) <= blocks) lo = mid;
      else hi = mid - 1;
    }
    largestFittingModelLen = lo;
  }

  let problem: string | null = null;
  const gib = (b: number) => `${(b / GiB).toFixed(2)} GiB`;
  if (weights > requested) {
    problem = `the weights (${gib(weights)} per GPU) exceed what gpu_memory_utilization allows (${gib(requested)}); vLLM runs out of memory while loading`;
  } else if (kvCacheBytes <= 0 || blocks === 0) {
    problem = `no memory is left for the KV cache (${gib(kvCacheBytes)} after weights, activations and overheads): "No available memory for the cache blocks"`;
  } else if (perRequest > blocks) {
    problem = `one ${maxModelLen.toLocaleString('en-US')}-token request needs ${gib(bytesPerMaxLenRequest)} of KV cache but only ${gib(kvCacheBytes)} is available; the largest max_model_len that fits is ${largestFittingModelLen.toLocaleString('en-US')}`;
  }

  const typical = i.typicalTokens ?? maxModelLen;
  const fullTokenBytes = (pageBytes / block) * m.layers;
  const contiguousSequences = kvCacheBytes > 0 ? Math.floor(kvCacheBytes / (maxModelLen * fullTokenBytes)) : 0;
  const pagedSequences = Math.floor(blocks / blocksPerRequest(groups, typical, block, batched));

  return {
    willStart: problem === null,
    problem,
    cudaMemoryBytes: cudaBytes,
    requestedBytes: requested,
    weightBytesPerRank: weights,
    activationBytes: activation,
    nonTorchBytes: nonTorch,
    cudaGraphBytes: cudaGraph,
    kvCacheBytes,
    bytesPerToken,
    pageBytes,
    blockSize: block,
    blocks,
    kvTokens,
    maxModelLen,
    maxNumBatchedTokens: batched,
    maxNumSeqs: seqs,
    maxConcurrency,
    kvTokensAtMaxModelLen: Math.floor(maxConcurrency * maxModelLen),
    bytesPerMaxLenRequest,
    largestFittingModelLen,
    groups,
    contiguousSequences,
    pagedSequences,
    typicalTokens: typical,
    kvPrecision,
    assumptions,
  };
}

/** vLLM's default gpu_memory_utilization, as the engine's capacity model defaults it. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = CapacityInput.parse({}).gpuMemoryUtilization;

/**
 * The largest batch whose KV caches fit beside the weights, each sequence at `context` tokens: a crude upper bound that
 * ignores activations, CUDA graphs and the runtime's reserve (vLLM's real pool is smaller). 0 when the weights alone
 * do not fit.
 */
export function maxBatchInMemory(m: Model, gpu: Gpu, p: Precision, context: number, kvPrecision: Precision = 'bf16') {
  const free = gpu.memoryBytes - weightBytes(m, p);
  if (free <= 0) return 0;
  const perSeq = kvBytesForContext(m, Math.max(1, context), kvPrecision);
  return Math.floor(free / perSeq);
}
