import { describe, expect, it } from 'vitest';
import { precisionFromName, recognizeGpu, recognizeModel } from '../../src/components/results/recognize.ts';
import { resultsView } from '../../src/components/results/view-model.ts';
import { getGpu, getModel } from '../../src/engine/catalog/index.ts';
import { decodeStep } from '../../src/engine/roofline.ts';
import { prepare, simulate, toBenchResult } from '../../src/engine/sim/index.ts';
import { benchLine, probeLine } from './lines.ts';

describe('recognising the hardware and model a kit recorded', () => {
  it('maps nvidia-smi GPU names (and the practice server’s) to catalog GPUs', () => {
    // Names as nvidia-smi prints them (NVIDIA's product strings).
    const cases: [string, string | null][] = [
      ['NVIDIA H100 80GB HBM3', 'h100-sxm'],
      ['NVIDIA H100 PCIe', 'h100-pcie'],
      ['NVIDIA A100-SXM4-80GB', 'a100-sxm-80gb'],
      ['NVIDIA A100-SXM4-40GB', 'a100-sxm-40gb'],
      ['NVIDIA GeForce RTX 4090', 'rtx-4090'],
      ['NVIDIA L40S', 'l40s'],
      ['NVIDIA H200', 'h200'],
      ['RTX 4090 (simulated)', 'rtx-4090'],
      ['H100 SXM 80GB (simulated)', 'h100-sxm'],
      ['NVIDIA GeForce RTX 3060', null],
    ];
    for (const [name, id] of cases) expect(recognizeGpu(name)?.id ?? null, name).toBe(id);
    expect(recognizeGpu(null)).toBeNull();
  });

  it('maps served model ids to the catalog model with their shape, and reads the weight format from the name', () => {
    const cases: [string, string | null][] = [
      ['qwen3-4b', 'qwen3-4b'],
      ['Qwen/Qwen3-4B-AWQ', 'qwen3-4b'],
      ['qwen3:4b', 'qwen3-4b'],
      ['Qwen/Qwen2.5-7B-Instruct-AWQ', 'qwen2.5-7b-instruct-awq'],
      ['meta-llama/Llama-3.1-8B', 'llama-3.1-8b'],
      ['my-finetune', null],
    ];
    for (const [name, id] of cases) expect(recognizeModel(name)?.id ?? null, name).toBe(id);
    expect(precisionFromName('Qwen/Qwen3-4B-AWQ')).toBe('int4');
    expect(precisionFromName('Qwen/Qwen3-8B-FP8')).toBe('fp8');
    expect(precisionFromName('qwen3-4b')).toBe('bf16');
  });
});

describe('resultsView', () => {
  const run = [1, 4, 16].map((c) => {
    const l = benchLine({ concurrency: c });
    l.software.model = 'Qwen/Qwen3-4B';
    l.results.goodput_req_s = { 1: 2, 4: 6, 16: 5 }[c] as number;
    return l;
  });
  const text = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');

  it('draws percentiles per level, finds the knee, and sets TPOT against the engine’s roofline', () => {
    const v = resultsView({ files: [{ name: 'a.jsonl', text: text(run) }], compare: null });
    expect(v.files).toEqual([{ name: 'a.jsonl', bench: 3, probe: 0, issues: [] }]);
    expect(v.percentiles).toHaveLength(3 * 2 * 3);
    expect(v.knees).toEqual([{ series: 'a.jsonl', concurrency: 4, goodputReqS: 6 }]);
    const roofline = v.decode.filter((d) => d.kind === 'roofline');
    expect(roofline.map((d) => d.batch)).toEqual([1, 2, 4, 8, 16]);
    // Context: the 512-token prompt plus half the 128-token reply.
    const step = decodeStep(getModel('qwen3-4b'), getGpu('h100-sxm'), {
      weightPrecision: 'bf16',
      batch: 4,
      context: 576,
    });
    expect(roofline.find((d) => d.batch === 4)?.ms).toBeCloseTo(step.stepTimeS * 1e3, 9);
  });

  it('says why it cannot draw a roofline, and lists invalid lines with their numbers', () => {
    const odd = benchLine();
    odd.hardware.gpu_name = 'NVIDIA GeForce RTX 3060';
    const v = resultsView({ files: [{ name: 'b.jsonl', text: `${text([odd])}\nnot json\n` }], compare: null });
    expect(v.notes.join(' ')).toMatch(/GPU "NVIDIA GeForce RTX 3060" is not in the catalog/);
    expect(v.files[0]?.issues).toEqual([
      { line: 2, field: '(whole line)', value: 'not json', message: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it('compares two files and sets probe figures against the catalog peaks', () => {
    const slower = run.map((l) => ({
      ...l,
      results: { ...l.results, ttft_ms: { ...l.results.ttft_ms, p50: l.results.ttft_ms.p50 * 1.2 } },
    }));
    const probe = [probeLine('hbm_bandwidth'), probeLine('matmul')];
    const v = resultsView({
      files: [
        { name: 'a', text: text(run) },
        { name: 'b', text: text(slower) },
        { name: 'p', text: text(probe) },
      ],
      compare: [0, 1],
    });
    expect(v.comparison?.within).toBe(false);
    const ttft = v.comparison?.rows.filter((r) => r.metric === 'TTFT p50 (ms)') ?? [];
    expect(ttft).toHaveLength(3);
    for (const r of ttft) expect(r.changePct).toBeCloseTo(20, 9);
    expect(v.probes.map((p) => [p.what, p.measured, p.peak])).toEqual([
      ['HBM bandwidth (copy of 1.00 GiB)', 2900, 3350],
      ['BF16 matmul 8192×8192×8192', 700, 989.4],
    ]);
  });
});

describe('a simulated run beside a measured one', () => {
  it('reads the simulator’s bench-result/v1 lines and draws them with the roofline of the simulated GPU', () => {
    const lines = [1, 8].map((concurrency) => {
      const input = {
        model: 'qwen3-4b',
        gpu: 'rtx-4090',
        workload: { requests: 40, arrival: { kind: 'closed' as const, concurrency } },
      };
      const setup = prepare(input);
      return toBenchResult(setup, simulate(setup), '2026-01-01T00:00:00Z');
    });
    const v = resultsView({
      files: [{ name: 'sim.jsonl', text: lines.map((l) => JSON.stringify(l)).join('\n') }],
      compare: null,
    });
    expect(v.files[0]?.issues).toEqual([]);
    expect(v.throughput.map((t) => t.concurrency)).toEqual([1, 8]);
    expect(v.decode.some((d) => d.kind === 'roofline' && /Qwen3 4B .* on RTX 4090/.test(d.series))).toBe(true);
  });
});
