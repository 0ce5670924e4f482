// A stand-in serving engine until the course simulator drives the server: continuous batching where each
// step's time is the roofline of the work in it (engine: decodeStep and prefillTime for the bytes and FLOPs).
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import { weightBytesReadPerStep } from '../engine/memory.ts';
import { mathRateFor, type Precision } from '../engine/precision.ts';
import { prefillTime } from '../engine/prefill.ts';
import { decodeStep, peakOpsPerS } from '../engine/roofline.ts';
import type { SourceRequest, SourceStats, TimingSource, TokenEvent } from './timing-source.ts';

export interface RooflineSourceOptions {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision;
  /** Most sequences in one step (vLLM's max_num_seqs). */
  maxBatch: number;
  /** Most prompt tokens admitted into one step (vLLM's max_num_batched_tokens); one long prompt still runs alone. */
  maxBatchedTokens: number;
  /** Share of peak bandwidth and compute the kernels reach; 1 gives the roofline. */
  efficiency: number;
}

interface Running {
  req: SourceRequest;
  produced: number;
}

export class RooflineSource implements TimingSource {
  readonly description: string;
  readonly #o: RooflineSourceOptions;
  #waiting: SourceRequest[] = [];
  #running: Running[] = [];
  /** The step in flight: who prefills in it, who decodes in it, and when it ends. */
  #prefilling: SourceRequest[] = [];
  #decoding: Running[] = [];
  #stepEnd = Number.POSITIVE_INFINITY;
  #cancelled = new Set<number>();

  constructor(o: RooflineSourceOptions) {
    this.#o = o;
    this.description = `roofline: ${o.model.id} (${o.weightPrecision}) on ${o.gpu.name}`;
  }

  /** Seconds for one step that decodes `decoding` and prefills `prefilling` whole prompts. */
  stepSeconds(decoding: readonly Running[], prefilling: readonly SourceRequest[]): number {
    const { model: m, gpu, weightPrecision: p, efficiency } = this.#o;
    let bytes = 0;
    let flops = 0;
    if (decoding.length > 0) {
      let ctx = 0;
      for (const r of decoding) ctx += r.req.promptTokens + r.produced;
      const d = decodeStep(m, gpu, {
        weightPrecision: p,
        batch: decoding.length,
        context: Math.round(ctx / decoding.length),
      });
      bytes += d.bytesPerStep;
      flops += d.flopsPerStep;
    }
    let prefillTokens = 0;
    for (const r of prefilling) {
      const pre = prefillTime(m, gpu, { promptTokens: r.promptTokens, weightPrecision: p });
      flops += pre.flops;
      // Its KV cache is written once; the weights are read once per step, whoever shares it.
      bytes += pre.kvBytesWritten;
      prefillTokens += r.promptTokens;
    }
    if (decoding.length === 0 && prefillTokens > 0) bytes += weightBytesReadPerStep(m, p, prefillTokens);
    const memoryS = bytes / (gpu.bandwidthBytesPerS * efficiency);
    const computeS = flops / (peakOpsPerS(gpu, mathRateFor(p)) * efficiency);
    return Math.max(memoryS, computeS);
  }

  add(req: SourceRequest, nowMs: number): void {
    this.#waiting.push(req);
    if (this.#stepEnd === Number.POSITIVE_INFINITY) this.#startStep(nowMs);
  }

  cancel(id: number): void {
    this.#waiting = this.#waiting.filter((r) => r.id !== id);
    this.#running = this.#running.filter((r) => r.req.id !== id);
    this.#cancelled.add(id);
  }

  nextEventMs(): number {
    return this.#stepEnd;
  }

  advance(nowMs: number, emit: (e: TokenEvent) => void): void {
    while (this.#stepEnd <= nowMs) {
      const at = this.#stepEnd;
      this.#finishStep(at, emit);
      this.#cancelled.clear();
      if (this.#running.length > 0 || this.#waiting.length > 0) this.#startStep(at);
      else this.#stepEnd = Number.POSITIVE_INFINITY;
    }
  }

  stats(): SourceStats {
    return { running: this.#running.length + this.#prefilling.length, waiting: this.#waiting.length };
  }

  #startStep(atMs: number): void {
    const admitted: SourceRequest[] = [];
    let tokens = 0;
    while (this.#waiting.length > 0 && this.#running.length + admitted.length < this.#o.maxBatch) {
      const next = this.#waiting[0] as SourceRequest;
      if (admitted.length > 0 && tokens + next.promptTokens > this.#o.maxBatchedTokens) break;
      admitted.push(next);
      tokens += next.promptTokens;
      this.#waiting.shift();
    }
    this.#prefilling = admitted;
    this.#decoding = [...this.#running];
    this.#stepEnd = atMs + this.stepSeconds(this.#decoding, this.#prefilling) * 1e3;
  }

  #finishStep(atMs: number, emit: (e: TokenEvent) => void): void {
    for (const r of this.#decoding) {
      if (this.#cancelled.has(r.req.id)) continue;
      r.produced++;
      emit({ id: r.req.id, atMs, count: 1, done: r.produced >= r.req.outputTokens });
    }
    this.#running = this.#running.filter((r) => r.produced < r.req.outputTokens);
    for (const req of this.#prefilling) {
      if (this.#cancelled.has(req.id)) continue;
      const count = req.outputTokens > 0 ? 1 : 0;
      emit({ id: req.id, atMs, count, done: count >= req.outputTokens });
      if (count < req.outputTokens) this.#running.push({ req, produced: count });
    }
    this.#prefilling = [];
    this.#decoding = [];
  }
}
