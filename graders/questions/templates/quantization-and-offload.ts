import { DEFAULT_GPU_MEMORY_UTILIZATION } from '../../../src/engine/capacity.ts';
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { HOST_LINKS, type HostLink } from '../../../src/engine/catalog/host-links.ts';
import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../../src/engine/memory.ts';
import { bytesPerElement, PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

const FULL_ATTENTION = BASE_MODELS.filter((m) => !m.mla && m.layerWindows.every((w) => w === null));

/** The pool as the question defines it: vLLM's default share of the card minus the weights. */
function statedPool(m: Model, gpu: Gpu, weights: Precision): number {
  return DEFAULT_GPU_MEMORY_UTILIZATION * gpu.memoryBytes - weightBytes(m, weights);
}

interface PoolParams {
  modelId: string;
  gpuId: string;
  weights: Precision;
  kv: Precision;
}

export const tokensInPool: NumericTemplate<PoolParams> = {
  id: 'quantization-and-offload/tokens-in-pool',
  topic: 'kv-capacity',
  title: 'Tokens a KV pool holds by dtype',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(FULL_ATTENTION);
      const gpu = rng.pick(GPUS);
      const weights = rng.pick<Precision>(['bf16', 'fp8', 'int8']);
      if (statedPool(m, gpu, weights) > 1e9)
        return { modelId: m.id, gpuId: gpu.id, weights, kv: rng.pick<Precision>(['bf16', 'fp8']) };
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    return `${m.name} (${m.layers} layers, ${m.kvHeads} KV heads of ${m.headDim}) runs with ${PRECISION_LABEL[p.weights]} weights on an ${g.name} (${formatBytes(g.memoryBytes, 'GB')}) at gpu_memory_utilization=${DEFAULT_GPU_MEMORY_UTILIZATION}, with a ${PRECISION_LABEL[p.kv]} KV cache. Taking the pool as that share of the card minus the weights, how many tokens of KV cache can it hold in total? (a whole number, ±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const g = getGpu(p.gpuId);
    const pool = statedPool(m, g, p.weights);
    const per = kvBytesPerToken(m, p.kv);
    const value = Math.floor(pool / per);
    return {
      value,
      steps: [
        `Pool = ${DEFAULT_GPU_MEMORY_UTILIZATION} × ${formatBytes(g.memoryBytes, 'GB')} − ${formatBytes(weightBytes(m, p.weights), 'GB')} = ${formatBytes(pool, 'GB', 3)}.`,
        `Per token: 2 × ${m.layers} × ${m.kvHeads} × ${m.headDim} × ${bytesPerElement(p.kv)} B = ${int(per)} B (${PRECISION_LABEL[p.kv]}).`,
        `${formatBytes(pool, 'GB', 3)} ÷ ${int(per)} B = ${int(value)} tokens.`,
      ],
    };
  },
};

interface ReloadParams {
  modelId: string;
  context: number;
  link: HostLink;
  kv: Precision;
}

export const reloadTime: NumericTemplate<ReloadParams> = {
  id: 'quantization-and-offload/reload-time',
  topic: 'kv-offload',
  title: 'Time to bring an offloaded cache back',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(FULL_ATTENTION);
      const context = rng.pick([2048, 4096, 8192, 16_384, 32_768]);
      if (context <= m.maxContext)
        return {
          modelId: m.id,
          context,
          link: rng.pick<HostLink>(['pcie4', 'pcie5', 'c2c']),
          kv: rng.pick<Precision>(['bf16', 'fp8']),
        };
    }
  },
  text(p) {
    const m = getModel(p.modelId);
    const l = HOST_LINKS[p.link];
    return `A ${int(p.context)}-token conversation with ${m.name} (${PRECISION_LABEL[p.kv]} KV cache, ${int(kvBytesPerToken(m, p.kv))} B per token) was offloaded to CPU memory. At the full ${l.gbps} GB/s of ${l.label}, how long does copying its cache back to the GPU take? Answer in ms. (±2%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const l = HOST_LINKS[p.link];
    const bytes = kvBytesForContext(m, p.context, p.kv);
    const value = bytes / (l.gbps * 1e9);
    return {
      value,
      steps: [
        `Cache size: ${int(p.context)} × ${int(kvBytesPerToken(m, p.kv))} B = ${formatBytes(bytes, 'GB', 3)}.`,
        `Time = ${formatBytes(bytes, 'GB', 3)} ÷ ${l.gbps} GB/s = ${fixed(value * 1e3, 2)} ms.`,
      ],
    };
  },
};

interface WindowParams {
  modelId: string;
  window: number;
  /** Every `every`-th layer keeps full attention; 0 means every layer is windowed. */
  every: number;
  context: number;
}

/** A catalog model's geometry with a sliding-window pattern laid over it (hypothetical, for the arithmetic). */
function windowed(p: WindowParams): Model {
  const m = getModel(p.modelId);
  return {
    ...m,
    layerWindows: Array.from({ length: m.layers }, (_, l) =>
      p.every > 0 && l % p.every === p.every - 1 ? null : p.window,
    ),
  };
}

export const windowedKv: NumericTemplate<WindowParams> = {
  id: 'quantization-and-offload/windowed-kv',
  topic: 'kv-bytes',
  title: 'KV cache of a sliding-window or hybrid model',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return {
      modelId: rng.pick(FULL_ATTENTION).id,
      window: rng.pick([512, 1024, 4096]),
      every: rng.pick([0, 2, 4, 6]),
      context: rng.pick([8192, 16_384, 32_768]),
    };
  },
  text(p) {
    const m = windowed(p);
    const full = m.layerWindows.filter((w) => w === null).length;
    const pattern =
      full === 0
        ? `every layer attends only to its last ${int(p.window)} tokens`
        : `${full} of its ${m.layers} layers attend to the whole context and the other ${m.layers - full} only to their last ${int(p.window)} tokens`;
    return `A model has ${m.layers} layers with ${m.kvHeads} KV heads of ${m.headDim} each (BF16 cache), and ${pattern}. How much KV cache does one sequence of ${int(p.context)} tokens hold? Answer in GB or GiB. (±1%)`;
  },
  solve(p) {
    const m = windowed(p);
    const full = m.layerWindows.filter((w) => w === null).length;
    const perLayerToken = kvBytesPerToken(m) / m.layers;
    const value = kvBytesForContext(m, p.context);
    return {
      value,
      steps: [
        `Per layer and token: 2 × ${m.kvHeads} × ${m.headDim} × 2 B = ${int(perLayerToken)} B.`,
        `Full layers: ${full} × ${int(p.context)} tokens; windowed layers: ${m.layers - full} × ${int(Math.min(p.window, p.context))} tokens.`,
        `(${full} × ${int(p.context)} + ${m.layers - full} × ${int(Math.min(p.window, p.context))}) × ${int(perLayerToken)} B = ${formatBytes(value, 'GB', 3)}.`,
      ],
    };
  },
};

export const QUANTIZATION_AND_OFFLOAD_TEMPLATES = [tokensInPool, reloadTime, windowedKv];
