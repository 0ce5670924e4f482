// Every figure the cheat-sheet chapter prints: one measured effect per row where the simulator or the engine can show
// it (each preset run once here), and the numbers to check before turning a knob.

import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { pipelineBubbleFraction } from '../../engine/parallel.ts';
import {
  getPreset,
  METRICS,
  type MetricKey,
  presetScenarios,
  type SimResult,
  simulate,
} from '../../engine/sim/index.ts';
import { breakEvenAcceptance } from '../../engine/speculative.ts';
import { fixed, int } from '../../engine/units.ts';
import { CHEAT_ROWS } from '../cheat-sheet.ts';
import { disaggregation } from './disaggregation.ts';
import { parallelism } from './parallelism.ts';

const run = (id: string) => presetScenarios(getPreset(id)).map((s) => simulate(s)) as [SimResult, SimResult];
const m = (r: SimResult, k: MetricKey) => METRICS[k].get(r);
const ms = (x: number) => int(x);
const usersOf = (r: SimResult) => int((r.scenario.workload.arrival as { concurrency: number }).concurrency);

const [staticRun, contRun] = run('static-vs-continuous');
const [wholeRun, chunkRun] = run('chunked-prefill-burst');
const [noPrefix, prefix] = run('prefix-caching');
const [bigPool, smallPool] = run('preemption-kv-pressure');
const [lowOff, lowOn] = run('speculative-low-load');
const [highOff, highOn] = run('speculative-high-load');

const stages = 4;
const manyMicro = 64;
const l40s = getGpu('l40s');
const m8 = getModel('llama-3.1-8b');
const longCtx = 32768;
const kvBf16 = vllmCapacity(m8, l40s, { maxModelLen: longCtx, kvPrecision: 'bf16' });
const kvFp8 = vllmCapacity(m8, l40s, { maxModelLen: longCtx, kvPrecision: 'fp8' });

/** One sentence of evidence per row, with figures computed by the simulator or the engine. */
export const EVIDENCE: Record<string, string> = {
  'queue-idle-gpu': `Simulated, Llama 3.1 8B on an H100: static batches → continuous batching took median TTFT from ${ms(m(staticRun, 'ttft_p50'))} ms to ${ms(m(contRun, 'ttft_p50'))} ms and median end-to-end latency from ${ms(m(staticRun, 'e2e_p50'))} ms to ${ms(m(contRun, 'e2e_p50'))} ms.`,
  'long-prompt-stutter': `Simulated burst of long documents: chunked prefill took p99 inter-token latency from ${fixed(m(wholeRun, 'itl_p99'), 1)} ms to ${fixed(m(chunkRun, 'itl_p99'), 1)} ms, while p99 TTFT went from ${ms(m(wholeRun, 'ttft_p99'))} ms to ${ms(m(chunkRun, 'ttft_p99'))} ms.`,
  'shared-prefix-ttft': `Simulated agent traffic with a shared tool catalogue: median TTFT from ${ms(m(noPrefix, 'ttft_p50'))} ms to ${ms(m(prefix, 'ttft_p50'))} ms, with ${fixed(m(prefix, 'prefix_hit') * 100, 0)}% of prompt tokens served from the cache.`,
  'kv-memory': `vLLM's pool for ${m8.name} on an ${l40s.name} at ${int(longCtx)} tokens: ${int(kvBf16.kvTokens)} tokens with a BF16 cache, ${int(kvFp8.kvTokens)} with FP8 — ${fixed(kvBf16.maxConcurrency, 1)} against ${fixed(kvFp8.maxConcurrency, 1)} full-length requests.`,
  'preemption-spikes': `Simulated: shrinking the KV pool until it runs out at busy moments caused ${int(m(smallPool, 'preemptions'))} preemptions and took p99 end-to-end latency from ${ms(m(bigPool, 'e2e_p99'))} ms to ${ms(m(smallPool, 'e2e_p99'))} ms.`,
  'slow-stream-light-load': `Simulated, ${usersOf(lowOff)} users: speculation cut median TPOT from ${fixed(m(lowOff, 'tpot_p50'), 2)} ms to ${fixed(m(lowOn, 'tpot_p50'), 2)} ms.`,
  'low-throughput': `Simulated, ${usersOf(highOff)} users: the same speculation lowered output throughput from ${int(m(highOff, 'output_tps'))} to ${int(m(highOn, 'output_tps'))} tokens/s — the wrong tool for this row.`,
  'does-not-fit-gpu': `${parallelism.model} in BF16 is ${parallelism.weightsGB} against an H100's ${parallelism.gpuGB}; at tensor-parallel degree ${parallelism.degree} it serves, with a median TPOT of ${parallelism.tp4Tpot} ms for ${parallelism.lowLoadUsers} users in the simulator.`,
  'does-not-fit-node': `A ${stages}-stage pipeline with one request in flight leaves ${fixed(pipelineBubbleFraction(stages, 1) * 100, 0)}% of its GPU time idle; with ${manyMicro} micro-batches, ${fixed(pipelineBubbleFraction(stages, manyMicro) * 100, 1)}%. Per-token time stays the whole model's: ${parallelism.pipeStepMs} ms for ${parallelism.model} in BF16.`,
  'latency-model-fits': `Simulated, ${parallelism.duo.model}, ${parallelism.duo.users} users on two H100s: median TPOT ${parallelism.duo.tp2Tpot} ms with tensor parallelism against ${parallelism.duo.dpTpot} ms with two replicas.`,
  'need-more-capacity': `Simulated: a replica serving ${parallelism.duo.half} users has a median TPOT of ${parallelism.duo.dpTpot} ms and one serving ${parallelism.duo.users} ${parallelism.duo.singleTpot} ms — replicas add users at the same per-user speed.`,
  'both-slos-long-prompts': `Below that load it only adds cost: splitting a chat service with ${disaggregation.users} concurrent users onto two GPUs costs at least ${disaggregation.costRatio}× as much per token.`,
};

// Checks before turning a knob, from the engine.
const gamma = 4;
const draftCost = 0.1;

export const cheatSheet = {
  rows: CHEAT_ROWS.length,
  corrected: CHEAT_ROWS.filter((r) => r.correction).length,
  gamma,
  draftCost: fixed(draftCost, 2),
  breakEven: fixed(breakEvenAcceptance(gamma, draftCost), 2),
  highUsers: usersOf(highOff),
  lowUsers: usersOf(lowOff),
  highTpsChange: fixed((m(highOn, 'output_tps') / m(highOff, 'output_tps') - 1) * 100, 0),
  lowTpotCut: fixed((1 - m(lowOn, 'tpot_p50') / m(lowOff, 'tpot_p50')) * 100, 0),
  chunkItlRatio: fixed(m(wholeRun, 'itl_p99') / m(chunkRun, 'itl_p99'), 1),
  chunkTtftChange: fixed((m(chunkRun, 'ttft_p99') / m(wholeRun, 'ttft_p99') - 1) * 100, 0),
  pipeVsTp4: parallelism.pipeVsTp4,
  costRatio: disaggregation.costRatio,
  preemptions: int(m(smallPool, 'preemptions')),
};

/** The runs behind the evidence, for tests that check direction and size. */
export const runs = {
  staticRun,
  contRun,
  wholeRun,
  chunkRun,
  noPrefix,
  prefix,
  bigPool,
  smallPool,
  lowOff,
  lowOn,
  highOff,
  highOn,
  kvBf16,
  kvFp8,
};
