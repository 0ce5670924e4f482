// Lab 12: diagnose the layer.
// A deployment misbehaves; you get one snapshot of its gauges. Name the layer with authority over the problem and
// the change to make there. Exactly one thing is wrong in each snapshot.

export type LayerId = 'L6' | 'L5' | 'L4a' | 'L4b' | 'L3' | 'L2' | 'L1' | 'L0';

export type Fix =
  | 'trim-history' // L6: stop resending the whole conversation every turn
  | 'cap-tenant-context' // L5: per-tenant limits on prompt length and concurrency
  | 'route-on-load' // L4a: route on queue depth or KV pressure
  | 'raise-batch-cap' // L4b: raise max_num_seqs / the token budget
  | 'chunked-prefill' // L4b: split long prefills within a per-step token budget
  | 'fit-max-model-len' // L3: lower max_model_len, FP8 KV, more memory or more GPUs
  | 'fix-backend' // L3: dtype actually loaded, CUDA graphs, kernels
  | 'pin-image' // L2: one image, pinned by digest, on every node
  | 'upgrade-driver' // L1: a driver new enough for the image's CUDA
  | 'more-bandwidth'; // L0: a card with more memory bandwidth (or fewer bytes per token)

export interface Replica {
  name: string;
  /** Requests waiting to be scheduled (vllm:num_requests_waiting). */
  waiting: number;
  /** Requests in the running batch (vllm:num_requests_running). */
  running: number;
  /** The engine's max_num_seqs. */
  maxNumSeqs: number;
  /** Share of KV-cache blocks in use, 0–1 (vllm:kv_cache_usage_perc). */
  kvUsage: number;
  preemptionsPerMin: number;
  /** Whether the engine is serving. */
  up: boolean;
}

export interface Observations {
  replicas: Replica[];
  decode: {
    /** Measured decode step at batch 1, milliseconds. */
    stepMs: number;
    /** Bytes one such step must read: weights plus KV cache. */
    bytesPerStep: number;
    /** The GPU's peak memory bandwidth. */
    bandwidthBytesPerS: number;
    /** The step time the product needs, milliseconds. */
    targetStepMs: number;
  };
  itl: {
    p50Ms: number;
    p99Ms: number;
    /** Share of inter-token gaps above 5× the median that began within a second of a long prompt's arrival. */
    spikesNearLongPrompts: number;
  };
  tenants: { name: string; shareOfPromptTokens: number; p95PromptTokens: number }[];
  startup: {
    /** Whether the engine finished starting. */
    ok: boolean;
    /** Tokens the KV cache could hold, from the start-up log; null if the engine never got that far. */
    kvCacheTokens: number | null;
    maxModelLen: number;
  };
  nodes: { name: string; imageDigest: string; healthy: boolean }[];
  container: {
    starts: boolean;
    /** Major version of the host's NVIDIA driver. */
    hostDriver: number;
    /** Oldest driver the image's CUDA version accepts. */
    minDriverForImage: number;
  };
  /** Prompt tokens of each turn in one sampled conversation. */
  conversation: { promptTokensByTurn: number[] };
}

/** Share of peak bandwidth the measured decode step achieves. */
export function achievedBandwidth(decode: Observations['decode']): number {
  return 0;
}

export function diagnose(o: Observations): { layer: LayerId; fix: Fix } {
  return { layer: 'L0', fix: 'more-bandwidth' };
}
