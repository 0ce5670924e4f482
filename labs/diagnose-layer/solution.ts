// Reference solution for lab 12 (diagnose the layer).

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

/** Production kernels sustain about 70–85% of peak bandwidth; well below that, the backend is wasting time. */
const BACKEND_SUSPECT_BELOW = 0.6;

export function achievedBandwidth(decode: Observations['decode']): number {
  const ceilingMs = (decode.bytesPerStep / decode.bandwidthBytesPerS) * 1000;
  return ceilingMs / decode.stepMs;
}

/** Prompt tokens that keep growing turn after turn: the client is resending the history. */
function historyResent(turns: number[]): boolean {
  if (turns.length < 4) return false;
  let rises = 0;
  for (let i = 1; i < turns.length; i++) if ((turns[i] as number) > (turns[i - 1] as number)) rises++;
  return rises === turns.length - 1 && (turns.at(-1) as number) > 2 * (turns[0] as number);
}

export function diagnose(o: Observations): { layer: LayerId; fix: Fix } {
  // Checks that can mean only one thing come first, from the bottom of the stack up.
  if (!o.container.starts && o.container.hostDriver < o.container.minDriverForImage)
    return { layer: 'L1', fix: 'upgrade-driver' };
  if (new Set(o.nodes.map((n) => n.imageDigest)).size > 1) return { layer: 'L2', fix: 'pin-image' };
  if (!o.startup.ok && o.startup.kvCacheTokens !== null && o.startup.kvCacheTokens < o.startup.maxModelLen)
    return { layer: 'L3', fix: 'fit-max-model-len' };

  const busiest = Math.max(...o.replicas.map((r) => r.waiting));
  const idle = o.replicas.some((r) => r.waiting === 0 && r.running < 0.1 * r.maxNumSeqs);
  if (busiest > 10 && idle) return { layer: 'L4a', fix: 'route-on-load' };

  const capped = o.replicas.every((r) => r.waiting > 10 && r.running >= r.maxNumSeqs && r.kvUsage < 0.7);
  if (capped) return { layer: 'L4b', fix: 'raise-batch-cap' };

  const full = o.replicas.some((r) => r.kvUsage > 0.9 && r.preemptionsPerMin > 1);
  const heavy = o.tenants.some((t) => t.shareOfPromptTokens > 0.5);
  if (full && heavy) return { layer: 'L5', fix: 'cap-tenant-context' };

  if (o.itl.p99Ms > 5 * o.itl.p50Ms && o.itl.spikesNearLongPrompts > 0.7)
    return { layer: 'L4b', fix: 'chunked-prefill' };
  if (historyResent(o.conversation.promptTokensByTurn)) return { layer: 'L6', fix: 'trim-history' };

  if (achievedBandwidth(o.decode) < BACKEND_SUSPECT_BELOW) return { layer: 'L3', fix: 'fix-backend' };
  return { layer: 'L0', fix: 'more-bandwidth' };
}
