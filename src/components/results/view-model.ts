// Everything the results page draws, computed from the uploaded files by the engine (this runs in the engine
// worker): validation problems per line, chart series, the engine's roofline for the run's model and GPU, probe
// figures against the catalog's peaks, and the ±5% comparison of two runs.

import type { Precision } from '../../engine/precision.ts';
import {
  type BenchResult,
  compareRuns,
  goodputKnee,
  type LineIssue,
  type ProbeResult,
  parseResultsText,
  workloadLabel,
} from '../../engine/results.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { precisionFromName, recognizeGpu, recognizeModel } from './recognize.ts';

export interface ResultsRequest {
  files: { name: string; text: string }[];
  /** Indexes of the two files to compare (A, B); null to skip. */
  compare: [number, number] | null;
}

export interface FileSummary {
  name: string;
  bench: number;
  probe: number;
  issues: LineIssue[];
}

export interface PercentilePoint {
  series: string;
  metric: 'TTFT' | 'TPOT';
  stat: 'p50' | 'p95' | 'p99';
  concurrency: number;
  ms: number;
}

export interface ThroughputPoint {
  series: string;
  concurrency: number;
  outputTokS: number;
  goodputReqS: number;
  incomplete: boolean;
}

export interface DecodePoint {
  series: string;
  batch: number;
  ms: number;
  kind: 'measured' | 'roofline';
}

export interface ProbeFigure {
  file: string;
  what: string;
  measured: number;
  unit: string;
  /** The catalog's peak for the recognised GPU, in the same unit; null when the GPU is not recognised. */
  peak: number | null;
}

export interface ComparisonRow {
  workload: string;
  metric: string;
  a: number;
  b: number;
  /** Relative change in percent; null when A is 0 and B is not. */
  changePct: number | null;
  within: boolean;
}

export interface Comparison {
  a: string;
  b: string;
  tolerancePct: number;
  within: boolean;
  rows: ComparisonRow[];
  onlyInA: string[];
  onlyInB: string[];
  skippedIncomplete: number;
}

export interface ResultsView {
  files: FileSummary[];
  percentiles: PercentilePoint[];
  throughput: ThroughputPoint[];
  knees: { series: string; concurrency: number; goodputReqS: number }[];
  decode: DecodePoint[];
  probes: ProbeFigure[];
  comparison: Comparison | null;
  /** Plain statements about what could not be drawn and why, and the assumptions behind what was. */
  notes: string[];
}

interface Loaded {
  name: string;
  bench: BenchResult[];
  probe: ProbeResult[];
}

/** A series per file and workload (shape and lengths); the load level varies along it. */
function seriesName(file: string, line: BenchResult, manyWorkloads: boolean): string {
  const w = line.workload;
  return manyWorkloads ? `${file} · ${w.shape} ${w.prompt_tokens}→${w.output_tokens}` : file;
}

function benchSeries(files: Loaded[]) {
  const out: { series: string; lines: BenchResult[] }[] = [];
  for (const f of files) {
    const swept = f.bench.filter((l) => l.workload.concurrency !== null && !l.parity);
    const shapes = new Set(
      swept.map((l) => `${l.workload.shape}|${l.workload.prompt_tokens}|${l.workload.output_tokens}`),
    );
    const bySeries = new Map<string, BenchResult[]>();
    for (const l of swept) {
      const name = seriesName(f.name, l, shapes.size > 1);
      // The latest line per concurrency level wins, as in the reproducibility check.
      const list = (bySeries.get(name) ?? []).filter((x) => x.workload.concurrency !== l.workload.concurrency);
      bySeries.set(name, [...list, l]);
    }
    for (const [series, lines] of bySeries)
      out.push({ series, lines: lines.sort((a, b) => (a.workload.concurrency ?? 0) - (b.workload.concurrency ?? 0)) });
  }
  return out;
}

const MS = 1e3;

function decodeSeries(files: Loaded[], notes: string[]): DecodePoint[] {
  const points: DecodePoint[] = [];
  const rooflines = new Map<
    string,
    { model: string; gpu: string; precision: Precision; context: number; batches: Set<number> }
  >();
  const addRoofline = (model: string, gpu: string, precision: Precision, context: number, batch: number) => {
    const key = `${model}|${gpu}|${precision}|${context}`;
    const r = rooflines.get(key) ?? { model, gpu, precision, context, batches: new Set<number>() };
    r.batches.add(batch);
    rooflines.set(key, r);
  };
  for (const f of files) {
    for (const p of f.probe) {
      if (p.kind !== 'decode_step' || p.status !== 'ok' || p.step_ms_median === null) continue;
      points.push({ series: `${f.name}: measured step`, batch: p.batch, ms: p.step_ms_median, kind: 'measured' });
      const model = p.model.id ? recognizeModel(p.model.id) : null;
      const gpu = recognizeGpu(p.hardware.gpu_name);
      if (model && gpu) addRoofline(model.id, gpu.id, 'bf16', p.context, p.batch);
      else
        notes.push(
          `${f.name}: no roofline for its decode probe: ${model ? '' : `model "${p.model.name}" is not in the course catalog`}${!model && !gpu ? '; ' : ''}${gpu ? '' : `GPU "${p.hardware.gpu_name ?? 'unknown'}" is not in the catalog`}.`,
        );
    }
    for (const l of f.bench) {
      const c = l.workload.concurrency;
      if (c === null || l.parity || l.workload.shape === 'embedding' || l.results.completed === 0) continue;
      points.push({ series: `${f.name}: TPOT p50`, batch: c, ms: l.results.tpot_ms.p50, kind: 'measured' });
      const model = recognizeModel(l.software.model);
      const gpu = recognizeGpu(l.hardware.gpu_name);
      // Mean context over a reply: the prompt plus half the output.
      const context = Math.round(l.workload.prompt_tokens + l.workload.output_tokens / 2);
      if (model && gpu && c <= 4096) addRoofline(model.id, gpu.id, precisionFromName(l.software.model), context, c);
      else if (!model || !gpu)
        notes.push(
          `${f.name}: no roofline for ${workloadLabel(l)}: ${model ? '' : `model "${l.software.model}" is not in the course catalog`}${!model && !gpu ? '; ' : ''}${gpu ? '' : `GPU "${l.hardware.gpu_name ?? 'unknown'}" is not in the catalog`}.`,
        );
    }
  }
  for (const r of rooflines.values()) {
    const model = recognizeModel(r.model);
    const gpu = recognizeGpu(r.gpu);
    if (!model || !gpu) continue;
    const series = `roofline: ${model.name} ${r.precision.toUpperCase()} on ${gpu.name}, ${r.context} tokens`;
    const batches = [...r.batches].sort((a, b) => a - b);
    // Draw the line between and beyond the measured batches, doubling from the smallest.
    const lo = batches[0] as number;
    const hi = batches[batches.length - 1] as number;
    const grid = new Set(batches);
    for (let b = lo; b <= hi; b *= 2) grid.add(b);
    for (const batch of [...grid].sort((a, b) => a - b)) {
      const step = decodeStep(model, gpu, { weightPrecision: r.precision, batch, context: r.context });
      points.push({ series, batch, ms: step.stepTimeS * MS, kind: 'roofline' });
    }
    notes.push(
      `The roofline assumes every byte moves at ${gpu.name}'s peak bandwidth and every FLOP at its peak dense rate; measured steps sit above it.` +
        (r.precision !== 'bf16' ? ` Weights are read as ${r.precision.toUpperCase()}, from the model's name.` : ''),
    );
  }
  return points;
}

function probeFigures(files: Loaded[]): ProbeFigure[] {
  const out: ProbeFigure[] = [];
  for (const f of files)
    for (const p of f.probe) {
      if (p.status !== 'ok') continue;
      const gpu = recognizeGpu(p.hardware.gpu_name);
      if (p.kind === 'hbm_bandwidth' && p.gb_s_median !== null)
        out.push({
          file: f.name,
          what: `HBM bandwidth (copy of ${(p.bytes / 2 ** 30).toFixed(2)} GiB)`,
          measured: p.gb_s_median,
          unit: 'GB/s',
          peak: gpu ? gpu.bandwidthBytesPerS / 1e9 : null,
        });
      if (p.kind === 'matmul' && p.tflops_median !== null) {
        const peak = gpu ? (p.dtype === 'fp8' ? gpu.denseOpsPerS.fp8 : gpu.denseOpsPerS.bf16) : null;
        out.push({
          file: f.name,
          what: `${p.dtype.toUpperCase()} matmul ${p.m}×${p.n}×${p.k}`,
          measured: p.tflops_median,
          unit: 'TFLOPS',
          peak: peak === null || peak === undefined ? null : peak / 1e12,
        });
      }
    }
  return out;
}

function comparison(files: Loaded[], pair: [number, number] | null): Comparison | null {
  if (!pair) return null;
  const [ia, ib] = pair;
  const a = files[ia];
  const b = files[ib];
  if (!a || !b || ia === ib) return null;
  const cmp = compareRuns(a.bench, b.bench);
  return {
    a: a.name,
    b: b.name,
    tolerancePct: cmp.tolerance * 100,
    within: cmp.within,
    rows: cmp.levels.flatMap((level) =>
      level.diffs.map((d) => ({
        workload: level.label,
        metric: d.label,
        a: d.a,
        b: d.b,
        changePct: Number.isFinite(d.relative) ? d.relative * 100 : null,
        within: d.within,
      })),
    ),
    onlyInA: cmp.onlyInA.map(workloadLabel),
    onlyInB: cmp.onlyInB.map(workloadLabel),
    skippedIncomplete: cmp.skippedIncomplete,
  };
}

export function resultsView(req: ResultsRequest): ResultsView {
  const parsed = req.files.map((f) => ({ name: f.name, result: parseResultsText(f.text) }));
  const files: Loaded[] = parsed.map((p) => ({
    name: p.name,
    bench: p.result.bench.map((x) => x.value),
    probe: p.result.probe.map((x) => x.value),
  }));
  const notes: string[] = [];
  const series = benchSeries(files);
  const percentiles: PercentilePoint[] = [];
  const throughput: ThroughputPoint[] = [];
  const knees: ResultsView['knees'] = [];
  for (const s of series) {
    for (const l of s.lines) {
      const c = l.workload.concurrency as number;
      if (l.results.completed === 0) continue;
      for (const [metric, field] of [
        ['TTFT', 'ttft_ms'],
        ['TPOT', 'tpot_ms'],
      ] as const)
        for (const stat of ['p50', 'p95', 'p99'] as const)
          if (!(metric === 'TPOT' && l.workload.shape === 'embedding'))
            percentiles.push({ series: s.series, metric, stat, concurrency: c, ms: l.results[field][stat] });
      throughput.push({
        series: s.series,
        concurrency: c,
        outputTokS: l.results.output_throughput_tok_s,
        goodputReqS: l.results.goodput_req_s,
        incomplete: l.incomplete === true,
      });
    }
    const knee = goodputKnee(
      s.lines.map((l) => ({ x: l.workload.concurrency as number, goodput: l.results.goodput_req_s })),
    );
    if (knee) knees.push({ series: s.series, concurrency: knee.x, goodputReqS: knee.goodput });
    const noSlo = s.lines.every((l) => l.workload.slo.ttft_ms === null && l.workload.slo.tpot_ms === null);
    if (noSlo) notes.push(`${s.series}: no SLOs were set, so its goodput equals its request throughput.`);
  }
  return {
    files: parsed.map((p) => ({
      name: p.name,
      bench: p.result.bench.length,
      probe: p.result.probe.length,
      issues: p.result.issues,
    })),
    percentiles,
    throughput,
    knees,
    decode: decodeSeries(files, notes),
    probes: probeFigures(files),
    comparison: comparison(files, req.compare),
    notes: [...new Set(notes)],
  };
}
