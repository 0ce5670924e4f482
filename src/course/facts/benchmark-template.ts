// Every figure the "benchmark template" chapter prints, computed at build time from the engine and the simulator.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import type { BenchResult } from '../../engine/results.ts';
import { decodeCeilingTokensPerS } from '../../engine/roofline.ts';
import { prepare, simulate, toBenchResult } from '../../engine/sim/index.ts';
import { fixed, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';

/**
 * Figures quoted from source 001 §4 that the errata could not verify (E001-4, E001-5): "real" vLLM decode rates for
 * Llama 3.3 70B on an H200, at batch 1 in 16-bit and at 4-bit.
 */
export const QUOTED = { h200Batch1: '30', h200Int4TokS: 110 } as const;

/**
 * The example runs' givens: the bench kit's chat request (512 → 128 tokens) against the practice server's default
 * model and GPU, open loop at a fixed rate, the SLOs of the kit's README example. Illustrative inputs, not measurements.
 */
export const ASSUMED = {
  model: 'qwen3-4b',
  gpu: 'h100-sxm',
  requests: 1000,
  rate: 20,
  promptTokens: 512,
  outputTokens: 128,
  sloTtftMs: 500,
  sloTpotMs: 50,
  tolerance: 0.05,
  timestamp: '2026-06-01T12:00:00Z',
} as const;

/** A simulated run of the example workload, as the bench kit would write it. */
function exampleLine(seed: number): BenchResult {
  const setup = prepare({
    model: ASSUMED.model,
    gpu: ASSUMED.gpu,
    seed,
    slo: { ttftMs: ASSUMED.sloTtftMs, tpotMs: ASSUMED.sloTpotMs },
    workload: {
      shape: 'chat',
      requests: ASSUMED.requests,
      arrival: { kind: 'poisson', rate: ASSUMED.rate },
      prompt: { kind: 'fixed', tokens: ASSUMED.promptTokens },
      output: { kind: 'fixed', tokens: ASSUMED.outputTokens },
      sharedPrefix: null,
    },
  });
  return toBenchResult(setup, simulate(setup), ASSUMED.timestamp);
}

export const EXAMPLE_LINE = exampleLine(1);
const second = exampleLine(2);

/** The reproducibility check's first state: the same workload simulated with two seeds. */
export const REPRO_DEFAULTS = {
  a: JSON.stringify(EXAMPLE_LINE),
  b: JSON.stringify(second),
  tolerance: ASSUMED.tolerance,
};

const llama70 = getModel('llama-3.3-70b');
const h200 = getGpu('h200');
// A real 4-bit checkpoint: INT4 linear layers with group-128 scales and zero points, 16-bit embeddings and head.
const int4Bytes = weightMemory(llama70, { precision: 'int4' }).totalBytes;
const int4Ceiling = decodeCeilingTokensPerS(int4Bytes, h200.bandwidthBytesPerS);

const r = EXAMPLE_LINE.results;
export const benchmarkTemplate = {
  model: getModel(ASSUMED.model).name,
  gpu: getGpu(ASSUMED.gpu).name,
  rate: ASSUMED.rate,
  requests: int(ASSUMED.requests),
  tolerancePct: `±${fixed(ASSUMED.tolerance * 100, 0)}%`,
  ttftP50: fixed(r.ttft_ms.p50, 1),
  tpotP50: fixed(r.tpot_ms.p50, 2),
  throughput: int(r.output_throughput_tok_s),
  tailP99: fixed((1 - 0.99) * ASSUMED.requests, 0),
  tpotTex: String.raw`\text{TPOT} = \frac{\text{E2E} - \text{TTFT}}{\text{output tokens} - 1}`,
  relTex: String.raw`\Delta = \frac{\lvert b - a \rvert}{\lvert a \rvert} \le ${fixed(ASSUMED.tolerance, 2)}`,
  int4GB: fixed(int4Bytes / 1e9, 1),
  int4Ceiling: fixed(int4Ceiling, 0),
  int4CeilingPct: fixed((QUOTED.h200Int4TokS / int4Ceiling) * 100, 0),
  h200Int4: String(QUOTED.h200Int4TokS),
};
