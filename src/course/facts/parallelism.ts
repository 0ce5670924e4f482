// Every figure the parallelism chapter prints: what tensor parallelism stores and sends per GPU (engine), what a
// Llama 3.3 70B replica does at each tensor-parallel degree (capacity model and simulator), the pipeline bubble, why
// a pipeline does not cut per-token latency, and tensor parallelism against replicas at the same GPU count.
import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesPerToken } from '../../engine/memory.ts';
import {
  INTERCONNECTS,
  type Interconnect,
  pipelineBubbleFraction,
  TensorParallelInput,
  tensorParallelCost,
} from '../../engine/parallel.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { DEFAULT_MAX_MODEL_LEN, type ScenarioInput, simulate } from '../../engine/sim/index.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { weightMemory } from '../../engine/weights.ts';

/**
 * A link the engine's interconnect table does not list, quoted from its datasheet: InfiniBand NDR, 400 Gb/s per port,
 * i.e. 50 GB/s per direction (source: NVIDIA ConnectX-7 / Quantum-2 NDR InfiniBand product briefs).
 */
export const QUOTED = { infinibandNdrBytesPerS: 50e9, infinibandName: 'InfiniBand NDR (400 Gb/s)' } as const;

const m70 = getModel('llama-3.3-70b');
const m8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');
const gb = (b: number) => formatBytes(b, 'GB', 1);

// ——— Tensor parallelism on Llama 3.3 70B in BF16 across H100s ———
const weights1 = weightMemory(m70, { precision: 'bf16' });
/** Short chat requests from a few users, as in the speculative-decoding comparison. */
const fewUsers = (users: number): ScenarioInput['workload'] => ({
  shape: 'chat',
  requests: 300,
  arrival: { kind: 'closed', concurrency: users },
  prompt: { kind: 'lognormal', p5: 100, p95: 400 },
  output: { kind: 'lognormal', p5: 100, p95: 400 },
});
const TP_DEGREES = [1, 2, 4, 8];
const lowLoadUsers = 4;
/** The longest request the replica must hold: the simulator's default max_model_len. */
const maxLen = DEFAULT_MAX_MODEL_LEN;
export const tpRows = TP_DEGREES.map((tp) => {
  const cap = vllmCapacity(m70, h100, { tp, weightPrecision: 'bf16', maxModelLen: maxLen });
  let run: ReturnType<typeof simulate> | null = null;
  if (cap.willStart)
    run = simulate({
      model: m70.id,
      weightPrecision: 'bf16',
      tensorParallel: tp,
      workload: fewUsers(lowLoadUsers),
      seed: 7,
    });
  return {
    tp,
    weightsPerRank: weightMemory(m70, { precision: 'bf16', tp }).perRankBytes,
    kvPerTokenPerRank: kvBytesPerToken(m70, 'bf16', { tp }),
    kvTokens: cap.kvTokens,
    starts: cap.willStart,
    problem: cap.problem,
    tpotMs: run ? run.results.tpot_ms.p50 : null,
    tps: run ? run.results.output_throughput_tok_s : null,
  };
});
export const tpTable = tpRows.map((r) => ({
  tp: r.tp,
  weights: gb(r.weightsPerRank),
  kv: int(r.kvPerTokenPerRank),
  pool: r.kvTokens > 0 ? int(r.kvTokens) : '—',
  status: r.starts
    ? 'serves'
    : r.kvTokens > 0
      ? `loads; no room for one ${int(maxLen)}-token request`
      : 'weights do not fit',
  tpot: r.tpotMs === null ? '—' : fixed(r.tpotMs, 1),
  perGpu: r.tps === null ? '—' : int(r.tps / r.tp),
}));
const tp4 = tpRows.find((r) => r.tp === 4) as (typeof tpRows)[number];
const tp8 = tpRows.find((r) => r.tp === 8) as (typeof tpRows)[number];

// All-reduce cost per step: a decode step of a few sequences against a 2,048-token prefill.
const LINKS: Interconnect[] = ['nvlink4', 'pcie5'];
const prefillTokens = 2048;
/** The tensor-parallel degree the communication figures are quoted at. */
const DEGREE = 4;
const commMs = (tp: number, tokens: number, link: number) =>
  tensorParallelCost(m70, { tp, batch: tokens, linkBytesPerS: link }).commTimePerStepS * 1e3;
export const commRows = LINKS.flatMap((l) =>
  [2, 4, 8].map((tp) => ({
    link: INTERCONNECTS[l].name,
    tp,
    decodeMs: commMs(tp, lowLoadUsers, INTERCONNECTS[l].bytesPerS),
    prefillMs: commMs(tp, prefillTokens, INTERCONNECTS[l].bytesPerS),
  })),
);
/** Comm time per step against tokens in the step, TP 4, for the chart. */
export const commCurve = LINKS.flatMap((l) =>
  [1, 4, 16, 64, 256, 1024, 4096].map((tokens) => ({
    link: INTERCONNECTS[l].name,
    tokens,
    ms: commMs(DEGREE, tokens, INTERCONNECTS[l].bytesPerS),
  })),
);
const cost4 = tensorParallelCost(m70, { tp: DEGREE, batch: 1, linkBytesPerS: INTERCONNECTS.nvlink4.bytesPerS });

// ——— Pipeline parallelism: the bubble, and the per-token time at batch 1 ———
const STAGES = [2, 4];
const MICRO = [1, 2, 4, 16, 64];
export const bubbleMicro = MICRO;
export const bubbleRows = STAGES.map((p) => ({
  stages: p,
  cells: MICRO.map((m) => fixed(pipelineBubbleFraction(p, m) * 100, 0)),
}));
/** Memory time of a whole 70B BF16 step at the simulator's sustained bandwidth: a pipeline runs its stages in turn. */
const fullStep = decodeStep(m70, h100, {
  weightPrecision: 'bf16',
  batch: 1,
  context: 512,
  bandwidthEfficiency: 0.8,
});

// ——— Across nodes: tensor-parallel all-reduces over InfiniBand against one pipeline hand-off ———
const crossBatch = 64;
const tpAcross = tensorParallelCost(m70, { tp: 16, batch: crossBatch, linkBytesPerS: QUOTED.infinibandNdrBytesPerS });
const handoffBytes = crossBatch * m70.hiddenSize * 2;

// ——— Tensor parallelism against replicas, two GPUs, few users (the prediction) ———
const duoUsers = 8;
const tp2 = simulate({ model: m8.id, tensorParallel: 2, workload: fewUsers(duoUsers), seed: 7 });
const replica = simulate({ model: m8.id, tensorParallel: 1, workload: fewUsers(duoUsers / 2), seed: 7 });
const single = simulate({ model: m8.id, tensorParallel: 1, workload: fewUsers(duoUsers), seed: 7 });

export const parallelism = {
  model: m70.name,
  gpu: h100.name,
  weightsGB: gb(weights1.totalBytes),
  gpuGB: gb(h100.memoryBytes),
  layers: m70.layers,
  hidden: int(m70.hiddenSize),
  allReduces: int(cost4.allReducesPerStep),
  t0Us: fixed(TensorParallelInput.parse({ tp: 2, linkBytesPerS: 1 }).allReduceLatencyS * 1e6, 0),
  messageKB: fixed(cost4.messageBytes / 1e3, 1),
  lowLoadUsers,
  degree: DEGREE,
  tp4Tpot: fixed(tp4.tpotMs ?? 0, 1),
  tp8Tpot: fixed(tp8.tpotMs ?? 0, 1),
  tp4PerGpu: int((tp4.tps ?? 0) / 4),
  tp8PerGpu: int((tp8.tps ?? 0) / 8),
  tpotRatio: fixed((tp4.tpotMs ?? 0) / (tp8.tpotMs ?? 1), 2),
  tp2Pool: int(tpRows.find((r) => r.tp === 2)?.kvTokens ?? 0),
  tp2PerRankGB: gb(tpRows.find((r) => r.tp === 2)?.weightsPerRank ?? 0),
  maxLen: int(maxLen),
  prefillTokens: int(prefillTokens),
  nvlinkGBs: int(INTERCONNECTS.nvlink4.bytesPerS / 1e9),
  pcieGBs: int(INTERCONNECTS.pcie5.bytesPerS / 1e9),
  ibGBs: int(QUOTED.infinibandNdrBytesPerS / 1e9),
  ibName: QUOTED.infinibandName,
  nvlinkDecodeMs: fixed(
    commRows.find((r) => r.tp === DEGREE && r.link === INTERCONNECTS.nvlink4.name)?.decodeMs ?? 0,
    2,
  ),
  pcieDecodeMs: fixed(commRows.find((r) => r.tp === DEGREE && r.link === INTERCONNECTS.pcie5.name)?.decodeMs ?? 0, 2),
  nvlinkPrefillMs: fixed(
    commRows.find((r) => r.tp === DEGREE && r.link === INTERCONNECTS.nvlink4.name)?.prefillMs ?? 0,
    0,
  ),
  pciePrefillMs: fixed(commRows.find((r) => r.tp === DEGREE && r.link === INTERCONNECTS.pcie5.name)?.prefillMs ?? 0, 0),
  commTex: String.raw`t_\text{comm} = 2L \left( t_0 + \frac{2(N-1)}{N} \cdot \frac{b \cdot d \cdot 2\ \text{B}}{\text{link}} \right)`,
  pipeStepMs: fixed(fullStep.stepTimeS * 1e3, 1),
  pipeVsTp4: fixed((fullStep.stepTimeS * 1e3) / (tp4.tpotMs ?? 1), 1),
  bubble4x1: fixed(pipelineBubbleFraction(4, 1) * 100, 0),
  bubble4x64: fixed(pipelineBubbleFraction(4, 64) * 100, 1),
  crossBatch,
  tpAcrossMs: fixed(tpAcross.commTimePerStepS * 1e3, 1),
  tpAcrossCalls: int(tpAcross.allReducesPerStep),
  handoffMB: fixed(handoffBytes / 1e6, 2),
  handoffUs: fixed((handoffBytes / QUOTED.infinibandNdrBytesPerS) * 1e6, 0),
  duo: {
    model: m8.name,
    users: duoUsers,
    half: duoUsers / 2,
    tp2Tpot: fixed(tp2.results.tpot_ms.p50, 2),
    dpTpot: fixed(replica.results.tpot_ms.p50, 2),
    singleTpot: fixed(single.results.tpot_ms.p50, 2),
    tp2Tps: int(tp2.results.output_throughput_tok_s),
    dpTps: int(2 * replica.results.output_throughput_tok_s),
  },
};

export const interconnectRows = [
  ...Object.values(INTERCONNECTS).map((l) => ({ name: l.name, gbs: int(l.bytesPerS / 1e9), source: l.source })),
  {
    name: QUOTED.infinibandName,
    gbs: int(QUOTED.infinibandNdrBytesPerS / 1e9),
    source: 'NVIDIA ConnectX-7 / Quantum-2 NDR product briefs (400 Gb/s per port)',
  },
];

/** The runs behind the chapter's claims, for tests that check direction and size. */
export const runs = { tpRows, tp2, replica, single, fullStep, commRows, tpAcross, handoffBytes };
