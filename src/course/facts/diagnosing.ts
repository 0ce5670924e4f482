// Every figure the "Diagnosing by layer" chapter prints, and its worked cases, computed by the engine at build time.
import type { DiagnosisCase } from '../../components/layer-map/cases.ts';
import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../engine/memory.ts';
import { prefillTime } from '../../engine/prefill.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF, peakOpsPerS } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/** Claims the chapter corrects, quoted from source 004 (the manual's diagnostic loop). */
export const QUOTED = { gpuUtilTarget: '60–90%' } as const;

/** The cases' givens: what the (hypothetical) dashboards showed. Scenario inputs, not measurements. */
export const SCENARIO = {
  slowDecode: { measuredTpotMs: 45, afterFixTpotMs: 24, context: 1000 },
  stutter: { running: 32, context: 2048, prompt: 32768, chunk: 2048 },
  tenant: { prompt: 32768 },
  hotReplica: { waitingA: 40, runningA: 256, waitingB: 0, runningB: 12 },
} as const;

const ms = (s: number, d = 1) => fixed(s * 1e3, d);

// Case 1: decode slower than the model card predicts (Qwen3 8B BF16 on an L40S, batch 1).
const qwen = getModel('qwen3-8b');
const l40s = getGpu('l40s');
const h100 = getGpu('h100-sxm');
const sd = SCENARIO.slowDecode;
const predicted = decodeStep(qwen, l40s, { weightPrecision: 'bf16', batch: 1, context: sd.context });
const achieved = predicted.memoryTimeS / (sd.measuredTpotMs / 1e3);
const achievedAfter = predicted.memoryTimeS / (sd.afterFixTpotMs / 1e3);
const onH100 = decodeStep(qwen, h100, { weightPrecision: 'bf16', batch: 1, context: sd.context });

// Case 2: streams stutter when a long document arrives (Llama 3.1 8B BF16 on an H100 SXM).
const llama8 = getModel('llama-3.1-8b');
const st = SCENARIO.stutter;
const running = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: st.running, context: st.context });
const prefill = (tokens: number) => prefillTime(llama8, h100, { promptTokens: tokens, weightPrecision: 'bf16' });
const whole = prefill(st.prompt);
const wholePrefill = whole.computeTimeS;
const peak = peakOpsPerS(h100, 'bf16');
// The last chunk attends to everything before it, so it is the dearest: the difference of two prefills.
const lastChunk = (whole.flops - prefill(st.prompt - st.chunk).flops) / peak;

// Case 3: one tenant's long prompts (Qwen3 8B BF16 on an L40S), against the KV pool as vLLM sizes it.
const capBf16 = vllmCapacity(qwen, l40s);
const pool = capBf16.kvCacheBytes;
const perPrompt = kvBytesForContext(qwen, SCENARIO.tenant.prompt);

// Case 4: after a fix the bottleneck moves: FP8 KV doubles the tokens the pool holds.
const bf16Tokens = capBf16.kvTokens;
const fp8Tokens = vllmCapacity(qwen, l40s, { kvPrecision: 'fp8' }).kvTokens;

// The utilization illusion at batch 1.
const b1 = decodeStep(llama8, h100, { weightPrecision: 'bf16', batch: 1, context: 1000 });

export const diagnosing = {
  effLow: fixed(EFF.low * 100, 0),
  effHigh: fixed(EFF.high * 100, 0),
  // case 1
  qwen: qwen.name,
  l40s: l40s.name,
  l40sBandwidth: int(l40s.bandwidthBytesPerS / 1e9),
  qwenGB: formatBytes(predicted.bytesPerStep, 'GB'),
  predictedMs: ms(predicted.stepTimeS),
  expectedLowMs: ms(predicted.memoryTimeS / EFF.high),
  expectedHighMs: ms(predicted.memoryTimeS / EFF.low),
  measuredMs: sd.measuredTpotMs,
  achievedPct: fixed(achieved * 100, 0),
  afterMs: sd.afterFixTpotMs,
  achievedAfterPct: fixed(achievedAfter * 100, 0),
  h100: h100.name,
  h100Ms: ms(onH100.stepTimeS),
  h100Speedup: fixed(h100.bandwidthBytesPerS / l40s.bandwidthBytesPerS, 1),
  achievedTex: String.raw`\text{achieved} = \frac{t_\text{ceiling}}{t_\text{measured}} = \frac{${ms(predicted.memoryTimeS, 2)}\ \text{ms}}{${sd.measuredTpotMs}\ \text{ms}} \approx ${fixed(achieved * 100, 0)}\%\ \text{of peak bandwidth}`,
  // case 2
  llama8: llama8.name,
  running: st.running,
  runningCtx: int(st.context),
  runningStepMs: ms(running.stepTimeS),
  prompt: int(st.prompt),
  prefillMs: ms(wholePrefill, 0),
  prefillTex: String.raw`t_\text{prefill} \ge \frac{\text{FLOPs}(${int(st.prompt).replace(',', '{,}')}\ \text{tokens})}{\text{peak}} = \frac{${fixed(whole.flops / 1e12, 0)}\ \text{TFLOP}}{${fixed(peak / 1e12, 1)}\ \text{TFLOP/s}} \approx ${ms(wholePrefill, 0)}\ \text{ms}`,
  stallRatio: fixed(wholePrefill / running.stepTimeS, 0),
  chunk: int(st.chunk),
  chunkMs: ms(lastChunk, 1),
  // case 3
  tenantPrompt: int(SCENARIO.tenant.prompt),
  poolGB: formatBytes(pool, 'GB', 1),
  perPromptGB: formatBytes(perPrompt, 'GB', 2),
  promptsToFill: fixed(pool / perPrompt, 1),
  // case 4
  kvBf16: int(kvBytesPerToken(qwen, 'bf16')),
  kvFp8: int(kvBytesPerToken(qwen, 'fp8')),
  bf16Tokens: int(bf16Tokens),
  fp8Tokens: int(fp8Tokens),
  // illusion
  b1TensorPct: fixed(b1.tensorUtilization * 100, 2),
};

const d = diagnosing;
const hr = SCENARIO.hotReplica;

/** The worked cases, in the order the chapter discusses them; the layer map's diagnose mode asks each. */
export const CASES: DiagnosisCase[] = [
  {
    id: 'slow-decode',
    title: 'Decode is far slower than the model card predicts',
    observations: [
      `${d.qwen} in BF16 on one ${d.l40s}, one request at a time.`,
      `Predicted step from bandwidth: ${d.predictedMs} ms; measured TPOT: ${d.measuredMs} ms (${d.achievedPct}% of peak bandwidth).`,
      'nvidia-smi shows the GPU busy most of the time; no other process holds memory.',
    ],
    layer: 'L3',
    explanation: `Real decode kernels reach ${d.effLow}–${d.effHigh}% of peak bandwidth, so ${d.achievedPct}% points at the backend: the precision it actually loaded, eager mode without CUDA graphs, or kernels unsuited to the card. Look for gaps between kernels in a timeline before blaming the silicon.`,
  },
  {
    id: 'at-ceiling',
    title: 'After the fix, still not fast enough',
    observations: [
      `Same ${d.qwen} on the ${d.l40s}, now with CUDA graphs: TPOT ${d.afterMs} ms, ${d.achievedAfterPct}% of peak bandwidth.`,
      'The product wants single-stream decode twice as fast.',
    ],
    layer: 'L0',
    explanation: `The kernels now run in the band real kernels reach, so software has little left at batch 1. Only more bandwidth (an ${d.h100} moves ${d.h100Speedup}× as many bytes per second) or fewer bytes per token (lower precision in L3) changes the limit.`,
  },
  {
    id: 'stutter',
    title: 'Streams stutter when a document arrives',
    observations: [
      `${d.llama8} on an ${d.h100}: ${d.running} streams decoding at ${d.runningCtx} tokens of context, about ${d.runningStepMs} ms per step.`,
      `Every few minutes a ${d.prompt}-token document arrives; p99 inter-token latency jumps for every running stream at that moment.`,
      'GPU memory is not full; the preemption counter does not move.',
    ],
    layer: 'L4b',
    explanation: `Prefilling the whole document in one step takes at least ${d.prefillMs} ms, and every stream waits for it. The scheduler decides how prefill is split: with chunked prefill at a ${d.chunk}-token budget no single step carries more than a chunk (the last and dearest chunk costs at least ${d.chunkMs} ms).`,
  },
  {
    id: 'tenant',
    title: 'Everyone slows down when one customer uploads',
    observations: [
      `${d.qwen} on an ${d.l40s}: about ${d.poolGB} of KV pool.`,
      `One tenant sends ${d.tenantPrompt}-token prompts in bursts; each pins ${d.perPromptGB} of KV.`,
      'During its bursts KV usage sits at 100%, the preemption counter climbs and every tenant’s TTFT rises.',
    ],
    layer: 'L5',
    explanation: `About ${d.promptsToFill} such prompts fill the pool. The engine is serving what it was admitted; how much context one tenant may claim, and how many requests it may run at once, is gateway policy.`,
  },
  {
    id: 'hot-replica',
    title: 'Two replicas, one queue',
    observations: [
      `Replica A: ${hr.waitingA} requests waiting, ${hr.runningA} running (its max_num_seqs).`,
      `Replica B: ${hr.waitingB} waiting, ${hr.runningB} running.`,
      'The load balancer pins each user to a replica by a hash of the user id.',
    ],
    layer: 'L4a',
    explanation:
      'Both engines are healthy; placement is wrong. Route on queue depth or KV pressure and keep affinity only where prefix reuse pays.',
  },
  {
    id: 'kv-full-after-batching',
    title: 'The bottleneck moved',
    observations: [
      `${d.qwen} on an ${d.l40s}: after raising max_num_seqs, throughput rose, then flattened.`,
      'KV usage now sits at 100% under peak load and preemptions appear.',
      `The KV cache is stored in BF16: ${d.kvBf16} B per token.`,
    ],
    layer: 'L3',
    explanation: `The scheduler fix worked and exposed the next limit: memory. The backend owns the KV format; FP8 KV (${d.kvFp8} B per token) raises the pool from ${d.bf16Tokens} to ${d.fp8Tokens} tokens. Check accuracy parity before shipping it.`,
  },
];
