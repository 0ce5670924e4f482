// The serving stack L0–L6 as course data: what each layer owns, and which layer has authority over a symptom.
// Used by the stack chapters, the layer-map island and the "which layer owns this" questions.

export const LAYER_IDS = ['L6', 'L5', 'L4a', 'L4b', 'L3', 'L2', 'L1', 'L0'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface Layer {
  id: LayerId;
  name: string;
  /** One line: the decisions this layer has the authority to make. */
  owns: string;
  /** Real components that live here. */
  examples: string;
  /** Settings an engineer turns in this layer. */
  knobs: string[];
}

/** Top of the stack first, as the map draws it. */
export const LAYERS: readonly Layer[] = [
  {
    id: 'L6',
    name: 'Client',
    owns: 'What each request carries and how the caller behaves: history resent or kept, streaming, timeouts, retries.',
    examples: 'Your chat front end, an agent framework, a batch job calling the API',
    knobs: ['history trimming or summarizing', 'stream: true', 'retry with backoff and jitter', 'client timeout'],
  },
  {
    id: 'L5',
    name: 'Gateway and edge',
    owns: 'Who may send what: authentication, request validation, context caps, rate limits and per-tenant quotas.',
    examples: 'An API gateway, an auth proxy, per-tenant limiters in front of the model servers',
    knobs: [
      'max input tokens per request',
      'requests or tokens per minute per tenant',
      'max concurrent requests per tenant',
    ],
  },
  {
    id: 'L4a',
    name: 'Routing and orchestration',
    owns: 'Which replica serves a request, and how many replicas exist.',
    examples: 'Inference-aware load balancers, KServe or Ray Serve routing, autoscalers',
    knobs: ['routing policy (queue depth, KV pressure, prefix affinity)', 'replica count and autoscaling targets'],
  },
  {
    id: 'L4b',
    name: 'GPU workload scheduling',
    owns: 'What runs in each step on one GPU: which requests join the batch, how prefill is split, who is preempted, how KV blocks are shared.',
    examples: 'The scheduler and KV-block manager inside vLLM, SGLang or TensorRT-LLM',
    knobs: ['max_num_seqs', 'max_num_batched_tokens', 'chunked prefill', 'prefix caching', 'scheduling policy'],
  },
  {
    id: 'L3',
    name: 'Inference backend',
    owns: 'How the model is computed: weights and their precision, the KV pool size, kernels, parallel degree.',
    examples: 'The model executor of vLLM, SGLang, TensorRT-LLM, llama.cpp; attention kernels; CUDA graphs',
    knobs: [
      'dtype and quantization',
      'kv_cache_dtype',
      'max_model_len',
      'gpu_memory_utilization',
      'tensor_parallel_size',
    ],
  },
  {
    id: 'L2',
    name: 'Runtime and packaging',
    owns: 'The exact software that runs: container image, library versions, the bridge from container to GPU.',
    examples:
      'Docker or containerd, the NVIDIA container toolkit, a CUDA base image with PyTorch and the engine inside',
    knobs: ['image pinned by digest', 'library versions', 'one image across every node'],
  },
  {
    id: 'L1',
    name: 'Driver and libraries',
    owns: 'Talking to the hardware: the kernel driver, the CUDA runtime, collective communication between GPUs.',
    examples: 'The NVIDIA driver, CUDA, cuBLAS, NCCL',
    knobs: ['driver branch', 'CUDA forward-compatibility package', 'NCCL transport settings'],
  },
  {
    id: 'L0',
    name: 'Silicon and fabric',
    owns: 'The physical ceilings: memory capacity, memory bandwidth, tensor throughput, links between GPUs and nodes.',
    examples: 'H100, H200, L40S, RTX 4090; NVLink and NVSwitch; PCIe; InfiniBand or RoCE',
    knobs: ['GPU model', 'number of GPUs per replica', 'interconnect'],
  },
];

export interface Symptom {
  id: string;
  /** What the engineer observes, in the words of a dashboard or a log. */
  observed: string;
  layer: LayerId;
  /** Why that layer, and not a neighbour, has the authority. */
  why: string;
  /** The fix in the owning layer. */
  fix: string;
  /** A tempting fix in another layer that hides the symptom instead. */
  maskedBy: string;
}

export const SYMPTOMS: readonly Symptom[] = [
  {
    id: 'hot-replica',
    observed: 'One replica has a long queue while its neighbour’s GPU is almost idle.',
    layer: 'L4a',
    why: 'Both engines are healthy; the request simply went to the wrong place. Placement is the router’s decision.',
    fix: 'Route on queue depth or KV pressure instead of round-robin; keep prefix affinity only where it pays.',
    maskedBy:
      'Raising max_num_seqs on the hot replica: its batch grows, per-token latency rises, and the idle GPU stays idle.',
  },
  {
    id: 'engine-refuses-to-start',
    observed:
      'After max_model_len was raised, the engine exits at startup: the KV cache cannot hold even one sequence of that length.',
    layer: 'L3',
    why: 'The backend sizes its KV pool from the memory left after the weights; only its own settings change that arithmetic.',
    fix: 'Lower max_model_len, store KV in FP8, give the engine more memory, or shard the model over more GPUs.',
    maskedBy: 'A gateway context cap: the engine still checks max_model_len at startup and still refuses to run.',
  },
  {
    id: 'tenant-long-prompts',
    observed:
      'Every tenant’s latency degrades whenever one customer sends very long prompts; the preemption counter climbs.',
    layer: 'L5',
    why: 'The backend serves whatever it is admitted; deciding how much context one caller may claim is policy at the edge.',
    fix: 'Cap input tokens per request and concurrent requests per tenant at the gateway.',
    maskedBy: 'Buying more GPUs: the next long burst fills the bigger pool the same way.',
  },
  {
    id: 'itl-spikes-on-long-prompt',
    observed: 'Streams that are already running stutter each time a long prompt arrives.',
    layer: 'L4b',
    why: 'The scheduler chose to run the whole prefill in one step, and every decoding request waited behind it.',
    fix: 'Split long prefills into chunks within a per-step token budget (chunked prefill, max_num_batched_tokens).',
    maskedBy: 'More replicas: the stalls become rarer per replica but just as long.',
  },
  {
    id: 'ttft-grows-per-turn',
    observed: 'Time to first token rises turn after turn within one conversation, even when the system is quiet.',
    layer: 'L6',
    why: 'The client resends the whole history every turn, so the backend recomputes a prefill that grows with each turn.',
    fix: 'Trim or summarize history in the client; where history must be resent, pair it with prefix caching and sticky routing.',
    maskedBy: 'A faster GPU: each turn’s prefill shrinks, but it still grows turn after turn.',
  },
  {
    id: 'node-drift',
    observed:
      'The same model and flags run on node A but crash or run slower on node B, and the library versions inside the two containers differ.',
    layer: 'L2',
    why: 'The nodes are not running the same software; the image, not the model or the hardware, differs.',
    fix: 'Pin one image by digest for every node and rebuild instead of patching in place.',
    maskedBy: 'Tuning engine flags per node: it papers over a difference that will return with the next deploy.',
  },
  {
    id: 'driver-too-old',
    observed: 'A new container refuses to start because the host driver is older than its CUDA version requires.',
    layer: 'L1',
    why: 'Which CUDA versions a host can run is set by its driver (or, on data-center GPUs, by NVIDIA’s forward-compatibility package).',
    fix: 'Upgrade the driver branch, or use the forward-compatibility package where the GPU supports it.',
    maskedBy:
      'Rebuilding the application against an older engine release: it starts, but you have frozen the stack in the past.',
  },
  {
    id: 'at-the-ceiling',
    observed: 'Batch-1 decode already runs near the card’s bandwidth ceiling, and the product needs it much faster.',
    layer: 'L0',
    why: 'Software cannot beat bandwidth ÷ bytes per step; only more bandwidth or fewer bytes per token moves it.',
    fix: 'A card with more memory bandwidth, or fewer bytes per token (lower precision in L3, speculative decoding).',
    maskedBy: 'Scheduler tuning: it raises aggregate throughput, not one stream’s speed at the physical limit.',
  },
  {
    id: 'retry-storm',
    observed:
      'After a short overload, traffic doubles and stays high; the logs show the same requests arriving again and again.',
    layer: 'L6',
    why: 'Callers retry immediately on timeout, so every slow response becomes more load.',
    fix: 'Retry with exponential backoff and jitter, and a retry budget, in the client.',
    maskedBy: 'Adding replicas: capacity is spent on duplicates and the storm returns at the next blip.',
  },
  {
    id: 'flat-throughput-free-kv',
    observed:
      'Throughput stops rising with load while KV usage stays low and the running batch is pinned at the same size.',
    layer: 'L4b',
    why: 'The scheduler is capping the batch below what memory allows; the GPU could take more sequences per step.',
    fix: 'Raise max_num_seqs (and the token budget) until KV memory or the latency SLO becomes the limit.',
    maskedBy: 'Adding replicas: each new one is capped the same way, at a higher bill.',
  },
];

export function getLayer(id: LayerId): Layer {
  const l = LAYERS.find((x) => x.id === id);
  if (!l) throw new Error(`unknown layer ${id}`);
  return l;
}

export function getSymptom(id: string): Symptom {
  const s = SYMPTOMS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown symptom "${id}"; known: ${SYMPTOMS.map((x) => x.id).join(', ')}`);
  return s;
}
