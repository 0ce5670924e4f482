import { BenchResult } from '../results.ts';
import { MiB } from '../units.ts';
import type { SimResult } from './result.ts';
import type { SimSetup } from './setup.ts';

/** Written as the runtime of a simulated line, so the results page can tell simulated from measured runs. */
export const SIM_RUNTIME = 'goodput-sim';
export const SIM_VERSION = 'sim-result/v1';

const overheads = (setup: SimSetup) => {
  const c = setup.pool.capacity;
  return c.activationBytes + c.nonTorchBytes + c.cudaGraphBytes;
};

/**
 * A simulated run as a bench-result/v1 line (the kit's format), so it sits in the same results file as measured
 * runs and compares field by field. `timestamp` is the caller's (the engine reads no clock).
 */
export function toBenchResult(setup: SimSetup, r: SimResult, timestamp: string): BenchResult {
  const s = setup.scenario;
  const w = s.workload;
  const n = r.results.completed;
  const arrival = w.trace ? null : w.arrival;
  return BenchResult.parse({
    schema: 'bench-result/v1',
    timestamp,
    hardware: {
      gpu_name: setup.gpu.name,
      gpu_memory_mib: setup.gpu.memoryBytes / MiB,
      gpu_count: s.tensorParallel,
      driver: null,
      cuda: null,
    },
    software: { runtime: SIM_RUNTIME, runtime_version: SIM_VERSION, kit_version: SIM_VERSION, model: setup.model.id },
    git: { commit: null, dirty: null },
    workload: {
      shape: w.shape,
      prompt_tokens: n > 0 ? Math.round(r.prompt_tokens / n) : 0,
      output_tokens: n > 0 ? Math.round(r.output_tokens / n) : 0,
      concurrency: arrival?.kind === 'closed' ? arrival.concurrency : null,
      rate_req_s: arrival && arrival.kind !== 'closed' ? arrival.rate : null,
      burstiness: arrival?.kind === 'gamma' ? arrival.burstiness : arrival?.kind === 'poisson' ? 1 : null,
      iterations: r.results.completed + r.results.failed,
      warmup: 0,
      seed: s.seed,
      slo: { ttft_ms: s.slo.ttftMs ?? null, tpot_ms: s.slo.tpotMs ?? null },
    },
    results: r.results,
    // Per GPU, as nvidia-smi shows it: vLLM allocates the whole KV pool at start-up, beside the weights, the
    // activation workspace, CUDA graphs and library buffers.
    peak_gpu_memory_mib: (setup.pool.weightBytesPerGpu + setup.pool.kvBytesPerGpu + overheads(setup)) / MiB,
  });
}
