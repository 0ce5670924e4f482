// Builders for schema-valid result lines, so tests state only what they vary.
import type { BenchResult, ProbeResult } from '../../src/engine/results.ts';

const summary = (v: number) => ({ p50: v, p95: v * 1.5, p99: v * 2, mean: v * 1.1 });

export function benchLine(opts: { concurrency?: number; scale?: number; incomplete?: boolean } = {}): BenchResult {
  const s = opts.scale ?? 1;
  const c = opts.concurrency ?? 4;
  return {
    schema: 'bench-result/v1',
    timestamp: '2026-01-01T00:00:00.000Z',
    ...(opts.incomplete ? { incomplete: true } : {}),
    hardware: { gpu_name: 'NVIDIA H100 80GB HBM3', gpu_memory_mib: 81559, gpu_count: 1, driver: '570.1', cuda: '12.8' },
    software: { runtime: 'vllm', runtime_version: '0.11.0', kit_version: '1.0.0', model: 'Qwen/Qwen3-4B' },
    git: { commit: null, dirty: null },
    workload: {
      shape: 'chat',
      endpoint: '/v1/chat/completions',
      prompt_tokens: 512,
      output_tokens: 128,
      concurrency: c,
      rate_req_s: null,
      iterations: 100,
      warmup: 4,
      seed: 1,
      slo: { ttft_ms: 500, tpot_ms: 50 },
    },
    results: {
      completed: 100,
      failed: 0,
      duration_s: 20,
      ttft_ms: summary(40 * s),
      tpot_ms: summary(8 * s),
      itl_ms: summary(8 * s),
      e2e_ms: summary(1100 * s),
      output_throughput_tok_s: 640 * s,
      total_token_throughput_tok_s: 3200 * s,
      request_throughput_req_s: 5 * s,
      goodput_req_s: 4.5 * s,
    },
    peak_gpu_memory_mib: 70000 * s,
  };
}

export function probeLine(kind: ProbeResult['kind'], status: ProbeResult['status'] = 'ok'): ProbeResult {
  const common = {
    schema: 'probe-result/v1' as const,
    timestamp: '2026-01-01T00:00:00Z',
    dry_run: status === 'planned',
    status,
    reason: status === 'ok' || status === 'planned' ? null : 'no GPU',
    hardware: {
      gpu_name: 'NVIDIA H100 80GB HBM3',
      gpu_memory_mib: 81559,
      gpu_count: 1,
      driver: '570.1',
      cuda: '12.8',
      compute_capability: '9.0',
    },
    software: { python: '3.11.7', torch: '2.7.0', transformers: '4.55.0', kit_version: '1.0.0' },
    iterations: 20,
  };
  const v = (x: number) => (status === 'ok' ? x : null);
  if (kind === 'hbm_bandwidth') return { ...common, kind, bytes: 2 ** 30, gb_s_median: v(2900), gb_s_best: v(3000) };
  if (kind === 'matmul')
    return { ...common, kind, dtype: 'bf16', m: 8192, n: 8192, k: 8192, tflops_median: v(700), tflops_best: v(720) };
  return {
    ...common,
    kind,
    model: { id: 'qwen3-4b', name: 'Qwen3-4B', config: 'configs/qwen3-4b.json' },
    weight_precision: 'bf16',
    batch: 8,
    context: 512,
    step_ms_median: v(9),
    step_ms_best: v(8.5),
  };
}
