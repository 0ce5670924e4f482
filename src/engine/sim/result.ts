import { goodput, type RequestTiming, type Summary, summarize, tpotMs, WeightedSample } from '../metrics.ts';
import type { RunResults } from '../results.ts';
import { GiB } from '../units.ts';
import type { RunRecord } from './replica.ts';
import type { Seq } from './seq.ts';
import type { SimSetup } from './setup.ts';

/** Time split of a request: waiting to start, prefilling, decoding, and recovering from preemptions. */
export interface StageBreakdown {
  queue_ms: Summary;
  prefill_ms: Summary;
  decode_ms: Summary;
  recompute_ms: Summary;
  /**
   * The slowest 5% of requests (E2E at or above p95): how many, their mean E2E, and the share of it each stage
   * takes. Per-stage p95s do not add up to the E2E p95; these shares do add up to 1.
   */
  tail: {
    requests: number;
    e2e_ms: number;
    queue_share: number;
    prefill_share: number;
    decode_share: number;
    recompute_share: number;
  };
}

export interface SimSeries {
  t_s: number[];
  /** Sequences computed per step (time-weighted mean in each bucket; idle time counts as 0). */
  batch_seqs: number[];
  /** Batch composition: tokens per step spent decoding and prefilling (time-weighted means). */
  decode_tokens: number[];
  prefill_tokens: number[];
  waiting: number[];
  /** Share of KV blocks held by sequences, and share of the pool's token capacity actually filled. */
  kv_used: number[];
  kv_filled: number[];
}

/** Quantiles 0, 1, …, 100 of each latency, for CDF plots. */
export interface SimCdfs {
  ttft_ms: number[];
  tpot_ms: number[];
  itl_ms: number[];
  e2e_ms: number[];
}

export interface TimelineRow {
  id: number;
  prompt_tokens: number;
  output_tokens: number;
  arrival_s: number;
  start_s: number;
  first_token_s: number;
  finish_s: number;
  /** [lost its KV cache at, next token at] for each preemption. */
  preempted: [number, number][];
  failed: boolean;
}

export interface RequestRow {
  id: number;
  arrival_s: number;
  prompt_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  preemptions: number;
  queue_ms: number | null;
  ttft_ms: number | null;
  tpot_ms: number | null;
  e2e_ms: number | null;
  failure: string | null;
}

/** A simulated run: the same `results` object as a bench-result/v1 line, plus what only a simulator can see. */
export interface SimResult {
  schema: 'sim-result/v1';
  scenario: SimSetup['scenario'];
  setup: {
    model: string;
    gpu: string;
    scheduler: string;
    weight_gib_per_gpu: number;
    kv_gib_per_gpu: number;
    kv_bytes_per_token_per_gpu: number;
    kv_pool_tokens: number;
    kv_blocks: number;
    block_size: number;
  };
  results: RunResults;
  stages: StageBreakdown;
  kv: {
    peak_used: number;
    mean_used: number;
    /** Share of the space in used blocks that holds tokens (1 − internal fragmentation). */
    mean_filled_of_used: number;
    peak_held_tokens: number;
  };
  batch: { steps: number; mean_seqs: number; peak_seqs: number; mean_tokens: number; busy_share: number };
  prompt_tokens: number;
  output_tokens: number;
  preemptions: number;
  preempted_requests: number;
  recomputed_tokens: number;
  /** Share of prompt tokens found in the prefix cache at admission; null without prefix caching. */
  prefix_cache_hit_rate: number | null;
  /** Share of computed token positions that were padding (static batching). */
  padding_waste: number;
  speculative: { drafted: number; accepted: number; acceptance_rate: number; tokens_per_step: number } | null;
  failures: { id: number; reason: string }[];
  series: SimSeries;
  cdf: SimCdfs;
  timeline: TimelineRow[];
  requests?: RequestRow[];
}

export interface ResultOptions {
  /** Buckets in the time series (default 300). */
  seriesPoints?: number;
  /** Requests shown in the timeline (default 40). */
  timelineRequests?: number;
  /** Include one row per request. */
  requests?: boolean;
}

const ms = (s: number) => s * 1000;

function quantiles(sorted: Float64Array): number[] {
  if (sorted.length === 0) return [];
  const out: number[] = [];
  for (let p = 0; p <= 100; p++) {
    const rank = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const a = sorted[lo] as number;
    const b = sorted[Math.ceil(rank)] as number;
    out.push(a + (b - a) * (rank - lo));
  }
  return out;
}

function series(r: RunRecord, totalBlocks: number, blockSize: number, end: number, points: number): SimSeries {
  const s = r.series;
  const width = end > 0 ? end / points : 1;
  const acc = {
    batch: new Float64Array(points),
    decode: new Float64Array(points),
    prefill: new Float64Array(points),
    waiting: new Float64Array(points),
    used: new Float64Array(points),
  };
  const filled = new Float64Array(points);
  const weight = new Float64Array(points);
  const capacity = totalBlocks * blockSize;
  for (let i = 0; i < s.startS.length; i++) {
    const a = s.startS[i] as number;
    const d = s.durationS[i] as number;
    const b = a + d;
    for (let k = Math.floor(a / width); k < points && k * width < b; k++) {
      const w = Math.min(b, (k + 1) * width) - Math.max(a, k * width);
      if (w <= 0) continue;
      weight[k] = (weight[k] as number) + w;
      acc.batch[k] = (acc.batch[k] as number) + w * (s.batchSeqs[i] as number);
      acc.decode[k] = (acc.decode[k] as number) + w * (s.decodeTokens[i] as number);
      acc.prefill[k] = (acc.prefill[k] as number) + w * (s.prefillTokens[i] as number);
      acc.waiting[k] = (acc.waiting[k] as number) + w * (s.waiting[i] as number);
      acc.used[k] = (acc.used[k] as number) + (w * (s.kvUsedBlocks[i] as number)) / totalBlocks;
      filled[k] = (filled[k] as number) + (w * (s.kvHeldTokens[i] as number)) / capacity;
    }
  }
  const out: SimSeries = {
    t_s: [],
    batch_seqs: [],
    decode_tokens: [],
    prefill_tokens: [],
    waiting: [],
    kv_used: [],
    kv_filled: [],
  };
  for (let k = 0; k < points; k++) {
    const w = weight[k] as number;
    if (w === 0) continue;
    out.t_s.push(k * width);
    out.batch_seqs.push((acc.batch[k] as number) / w);
    out.decode_tokens.push((acc.decode[k] as number) / w);
    out.prefill_tokens.push((acc.prefill[k] as number) / w);
    out.waiting.push((acc.waiting[k] as number) / w);
    out.kv_used.push((acc.used[k] as number) / w);
    out.kv_filled.push((filled[k] as number) / w);
  }
  return out;
}

export interface RunInfo {
  scheduler: string;
  totalBlocks: number;
  blockSize: number;
}

/** Turn what a run recorded into the result: bench-style metrics, stage breakdown, KV and batch statistics, plots. */
export function buildResult(setup: SimSetup, run: RunRecord, info: RunInfo, o: ResultOptions = {}): SimResult {
  const { seqs, totals } = run;
  const done = seqs.filter((q) => q.state === 'finished');
  const failed = seqs.filter((q) => q.state === 'failed');
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const q of seqs) if (q.state !== 'pending') start = Math.min(start, q.arrivalS);
  for (const q of done) end = Math.max(end, q.finishS);
  const duration = done.length > 0 ? end - start : 0;

  const ttft = new Float64Array(done.length);
  const e2e = new Float64Array(done.length);
  const tpots: number[] = [];
  const timings: RequestTiming[] = [];
  const stage = {
    queue: new Float64Array(done.length),
    prefill: new Float64Array(done.length),
    decode: new Float64Array(done.length),
    recompute: new Float64Array(done.length),
  };
  let outputTokens = 0;
  let promptTokens = 0;
  done.forEach((q, i) => {
    const t = ms(q.firstTokenS - q.arrivalS);
    const e = ms(q.finishS - q.arrivalS);
    const tp = tpotMs(e, t, q.outputTokens);
    ttft[i] = t;
    e2e[i] = e;
    if (tp !== undefined) tpots.push(tp);
    timings.push({ ttftMs: t, tpotMs: tp, e2eMs: e });
    outputTokens += q.outputTokens;
    promptTokens += q.promptTokens;
    stage.queue[i] = ms(q.firstScheduledS - q.arrivalS);
    stage.recompute[i] = ms(q.recomputeS);
    stage.prefill[i] = ms(q.firstTokenS - q.firstScheduledS - q.recomputeBeforeFirstS);
    stage.decode[i] = ms(q.finishS - q.firstTokenS - (q.recomputeS - q.recomputeBeforeFirstS));
  });
  // summarize() sorts a copy for each percentile; handing it sorted input makes those sorts linear.
  const sorted = (a: Float64Array) => a.slice().sort();
  const summary = (a: Float64Array) => summarize(Array.from(a));
  const sortedTtft = sorted(ttft);
  const sortedE2e = sorted(e2e);
  const sortedTpot = Float64Array.from(tpots).sort();
  const e2eSummary = summary(sortedE2e);
  const itl = new WeightedSample(run.itlValues.map(ms), run.itlCounts);
  const results: RunResults = {
    completed: done.length,
    failed: failed.length,
    duration_s: duration,
    ttft_ms: summary(sortedTtft),
    tpot_ms: summary(sortedTpot),
    itl_ms: itl.summary(),
    e2e_ms: e2eSummary,
    output_throughput_tok_s: duration > 0 ? outputTokens / duration : 0,
    total_token_throughput_tok_s: duration > 0 ? (outputTokens + promptTokens) / duration : 0,
    request_throughput_req_s: duration > 0 ? done.length / duration : 0,
    goodput_req_s: duration > 0 ? goodput(timings, setup.scenario.slo, duration) : 0,
  };

  // The tail: requests at or above the E2E p95, and where their time went.
  let tailN = 0;
  const tailSum = { e2e: 0, queue: 0, prefill: 0, decode: 0, recompute: 0 };
  for (let i = 0; i < done.length; i++) {
    if ((e2e[i] as number) < e2eSummary.p95) continue;
    tailN++;
    tailSum.e2e += e2e[i] as number;
    tailSum.queue += stage.queue[i] as number;
    tailSum.prefill += stage.prefill[i] as number;
    tailSum.decode += stage.decode[i] as number;
    tailSum.recompute += stage.recompute[i] as number;
  }
  const share = (x: number) => (tailSum.e2e > 0 ? x / tailSum.e2e : 0);

  // KV and batch statistics, weighted by time.
  const s = run.series;
  let busy = 0;
  let total = 0;
  let usedArea = 0;
  let heldArea = 0;
  let seqArea = 0;
  let peakUsed = 0;
  let peakHeld = 0;
  let peakSeqs = 0;
  for (let i = 0; i < s.startS.length; i++) {
    const d = s.durationS[i] as number;
    const used = s.kvUsedBlocks[i] as number;
    total += d;
    peakUsed = Math.max(peakUsed, used);
    peakHeld = Math.max(peakHeld, s.kvHeldTokens[i] as number);
    usedArea += d * used;
    heldArea += d * (s.kvHeldTokens[i] as number);
    if (s.busy[i] === 1) {
      busy += d;
      seqArea += d * (s.batchSeqs[i] as number);
      peakSeqs = Math.max(peakSeqs, s.batchSeqs[i] as number);
    }
  }
  const { totalBlocks, blockSize } = info;
  const sc = setup.scenario;
  const preempted = seqs.filter((q) => q.preemptions > 0);
  const timelineN = Math.min(o.timelineRequests ?? 40, seqs.length);
  const timeline: TimelineRow[] = [];
  for (let i = 0; i < timelineN; i++) {
    const q = seqs[i] as Seq;
    const spans: [number, number][] = [];
    for (let k = 0; k + 1 < q.preemptionSpans.length; k += 2)
      spans.push([q.preemptionSpans[k] as number, q.preemptionSpans[k + 1] as number]);
    timeline.push({
      id: q.id,
      prompt_tokens: q.promptTokens,
      output_tokens: q.outputTokens,
      arrival_s: q.arrivalS,
      start_s: q.firstScheduledS,
      first_token_s: q.firstTokenS,
      finish_s: q.finishS,
      preempted: spans,
      failed: q.state === 'failed',
    });
  }
  const result: SimResult = {
    schema: 'sim-result/v1',
    scenario: sc,
    setup: {
      model: setup.model.name,
      gpu: setup.gpu.name,
      scheduler: info.scheduler,
      weight_gib_per_gpu: setup.pool.weightBytesPerGpu / GiB,
      kv_gib_per_gpu: setup.pool.kvBytesPerGpu / GiB,
      kv_bytes_per_token_per_gpu: setup.pool.kvBytesPerTokenPerGpu,
      kv_pool_tokens: setup.pool.tokens,
      kv_blocks: totalBlocks,
      block_size: blockSize,
    },
    results,
    stages: {
      queue_ms: summary(sorted(stage.queue)),
      prefill_ms: summary(sorted(stage.prefill)),
      decode_ms: summary(sorted(stage.decode)),
      recompute_ms: summary(sorted(stage.recompute)),
      tail: {
        requests: tailN,
        e2e_ms: tailN > 0 ? tailSum.e2e / tailN : 0,
        queue_share: share(tailSum.queue),
        prefill_share: share(tailSum.prefill),
        decode_share: share(tailSum.decode),
        recompute_share: share(tailSum.recompute),
      },
    },
    kv: {
      peak_used: totalBlocks > 0 ? peakUsed / totalBlocks : 0,
      mean_used: total > 0 && totalBlocks > 0 ? usedArea / total / totalBlocks : 0,
      mean_filled_of_used: usedArea > 0 ? heldArea / (usedArea * blockSize) : 0,
      peak_held_tokens: peakHeld,
    },
    batch: {
      steps: totals.steps,
      mean_seqs: busy > 0 ? seqArea / busy : 0,
      peak_seqs: peakSeqs,
      mean_tokens: totals.steps > 0 ? (totals.computedTokens + totals.paddingTokens) / totals.steps : 0,
      busy_share: total > 0 ? busy / total : 0,
    },
    prompt_tokens: promptTokens,
    output_tokens: outputTokens,
    preemptions: totals.preemptions,
    preempted_requests: preempted.length,
    recomputed_tokens: totals.recomputedTokens,
    prefix_cache_hit_rate:
      sc.kv.prefixCaching && totals.queriedTokens > 0 ? totals.hitTokens / totals.queriedTokens : null,
    padding_waste:
      totals.computedTokens + totals.paddingTokens > 0
        ? totals.paddingTokens / (totals.computedTokens + totals.paddingTokens)
        : 0,
    speculative:
      sc.speculative.tokens > 0
        ? {
            drafted: totals.drafted,
            accepted: totals.accepted,
            acceptance_rate: totals.drafted > 0 ? totals.accepted / totals.drafted : 0,
            tokens_per_step:
              totals.decodeSeqSteps > 0 ? (totals.accepted + totals.decodeSeqSteps) / totals.decodeSeqSteps : 0,
          }
        : null,
    failures: failed.slice(0, 20).map((q) => ({ id: q.id, reason: q.failure })),
    series: series(run, totalBlocks, blockSize, end, o.seriesPoints ?? 300),
    cdf: {
      ttft_ms: quantiles(sortedTtft),
      tpot_ms: quantiles(sortedTpot),
      itl_ms: itl.size > 0 ? Array.from({ length: 101 }, (_, p) => itl.percentile(p)) : [],
      e2e_ms: quantiles(sortedE2e),
    },
    timeline,
  };
  if (o.requests)
    result.requests = seqs.map((q) => {
      const ok = q.state === 'finished';
      const t = ms(q.firstTokenS - q.arrivalS);
      const e = ms(q.finishS - q.arrivalS);
      return {
        id: q.id,
        arrival_s: q.arrivalS,
        prompt_tokens: q.promptTokens,
        output_tokens: q.outputTokens,
        cached_tokens: q.cachedTokens,
        preemptions: q.preemptions,
        queue_ms: ok ? ms(q.firstScheduledS - q.arrivalS) : null,
        ttft_ms: ok ? t : null,
        tpot_ms: ok ? (tpotMs(e, t, q.outputTokens) ?? null) : null,
        e2e_ms: ok ? e : null,
        failure: ok ? null : q.failure,
      };
    });
  return result;
}
