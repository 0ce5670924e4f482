import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { BenchResult, RunResults } from '../../src/engine/results.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(['sim', ...argv], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('goodput sim', () => {
  it('runs the common case from flags and prints the four latency rows', async () => {
    const r = await cli(
      '--model',
      'llama-3.1-8b',
      '--gpu',
      'h100-sxm',
      '--shape',
      'chat',
      '--requests',
      '60',
      '--rate',
      '3',
      '--seed',
      '2',
    );
    expect(r.code).toBe(0);
    for (const row of ['TTFT', 'TPOT', 'ITL', 'E2E']) expect(r.out).toMatch(new RegExp(`^  ${row} `, 'm'));
    expect(r.out).toMatch(/60 chat requests, Poisson arrivals at 3 req\/s · seed 2/);
  });

  it('--json carries a results object that is a valid bench-result/v1 results object', async () => {
    const r = await cli('--requests', '40', '--concurrency', '8', '--json');
    const json = JSON.parse(r.out);
    expect(json.schema).toBe('sim-result/v1');
    expect(RunResults.parse(json.results).completed).toBe(40);
    expect(json.series).toBeUndefined();
    expect(json.scenario.workload.arrival).toEqual({ kind: 'closed', concurrency: 8 });
  });

  it('--bench-line prints a complete bench-result/v1 line', async () => {
    const r = await cli('--requests', '30', '--rate', '2', '--burstiness', '0.5', '--bench-line');
    const line = BenchResult.parse(JSON.parse(r.out));
    expect(line.software.runtime).toBe('goodput-sim');
    expect(line.workload).toMatchObject({ rate_req_s: 2, burstiness: 0.5, concurrency: null, iterations: 30 });
  });

  it('reads a scenario file, lets flags override it, and replays presets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goodput-sim-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(
      file,
      JSON.stringify({ seed: 4, workload: { shape: 'agent', requests: 30 }, kv: { prefixCaching: true } }),
    );
    const a = JSON.parse((await cli('--scenario', file, '--json')).out);
    expect(a.scenario.seed).toBe(4);
    expect(a.prefix_cache_hit_rate).toBeGreaterThan(0.5);
    const b = JSON.parse((await cli('--scenario', file, '--seed', '5', '--json')).out);
    expect(b.scenario.seed).toBe(5);
    const p = JSON.parse(
      (await cli('--preset', 'paged-vs-contiguous', '--variant', 'a', '--requests', '50', '--json')).out,
    );
    expect(p.scenario.kv.allocation).toBe('contiguous');
  });

  it('replays its own --json scenario exactly, and replays a trace file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goodput-sim-'));
    const first = JSON.parse((await cli('--requests', '80', '--rate', '5', '--prefix-caching', '--json')).out);
    const file = join(dir, 'again.json');
    writeFileSync(file, JSON.stringify(first.scenario));
    const again = JSON.parse((await cli('--scenario', file, '--json')).out);
    expect(again.results).toEqual(first.results);
    const trace = join(dir, 'trace.json');
    writeFileSync(
      trace,
      JSON.stringify([
        { arrivalS: 0, promptTokens: 500, outputTokens: 20 },
        { arrivalS: 0.5, promptTokens: 900, outputTokens: 5, prefixId: 1, prefixTokens: 256 },
      ]),
    );
    const replay = JSON.parse((await cli('--trace', trace, '--json')).out);
    expect(replay.results.completed).toBe(2);
    expect(replay.output_tokens).toBe(25);
    const notList = join(dir, 'bad.json');
    writeFileSync(notList, '{"arrivalS": 0}');
    const bad = await cli('--trace', notList);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--trace: .* must hold a JSON list of requests/);
  });

  it('names the flag in errors and exits 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--rate', 'fast'], /--rate must be a number \(got "fast"\)/],
      [['--rate=-1'], /--rate: must be above 0/],
      [['--rate', '2', '--concurrency', '3'], /not both/],
      [['--gpu', 'tpu-v9'], /gpu: unknown id "tpu-v9"/],
      [['--max-model-len', '999999999'], /--max-model-len/],
      [['--scenario', '/nonexistent/s.json'], /--scenario: cannot read/],
      [['--preset', 'nope'], /--preset: unknown simulator preset/],
      [['--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
