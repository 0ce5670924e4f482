import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { CATALOG_MODELS } from '../../src/engine/index.ts';
import { STARTUP_LOGS } from '../fixtures/vllm-startup-logs.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await main(argv, io);
  return { code, out, err };
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await run(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

/** A catalog model's config.json written to a file, as a user would pass it. */
function configFile(id: string): string {
  const entry = CATALOG_MODELS.find((m) => m.id === id);
  if (!entry) throw new Error(`no catalog model ${id}`);
  const path = join(mkdtempSync(join(tmpdir(), 'goodput-')), 'config.json');
  writeFileSync(path, JSON.stringify(entry.config));
  return path;
}

const SUBCOMMANDS = ['kv', 'weights', 'capacity', 'ceiling', 'prefill', 'cost', 'speculative', 'quant', 'parallel'];

describe('goodput calc', () => {
  it('lists its calculations, and every calculation has --help', async () => {
    const top = await run('calc', '--help');
    expect(top.code).toBe(0);
    for (const name of SUBCOMMANDS) {
      expect(top.out).toContain(name);
      const help = await run('calc', name, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`goodput calc ${name}`);
      expect(help.out).toContain('--json');
    }
  });

  it('calc kv --json gives bytesPerToken, per rank with --tp', async () => {
    expect((await json('calc', 'kv', '--model', 'llama-3.3-70b')).bytesPerToken).toBe(327_680);
    expect((await json('calc', 'kv', '--model', 'llama-3.3-70b', '--tp', '4')).bytesPerToken).toBe(81_920);
    expect((await json('calc', 'kv', '--config', configFile('deepseek-v3'))).bytesPerToken).toBe(70_272);
    const ctx = await json('calc', 'kv', '--model', 'gpt-oss-120b', '--context', '1000');
    expect(ctx.bytesForContext).toBe(18 * 2048 * 1000 + 18 * 2048 * 128);
  });

  it('calc capacity --config --json gives kvTokens, blocks and maxConcurrency within ±10% of vLLM logs', async () => {
    for (const log of STARTUP_LOGS) {
      const args = [
        'calc',
        'capacity',
        '--config',
        configFile(log.model),
        '--gpu',
        log.gpu,
        '--gpu-memory-utilization',
        String(log.gpuMemoryUtilization),
        '--tp',
        String(log.tp),
        '--max-model-len',
        String(log.maxModelLen),
      ];
      if (log.maxNumSeqs) args.push('--max-num-seqs', String(log.maxNumSeqs));
      if (log.maxNumBatchedTokens) args.push('--max-num-batched-tokens', String(log.maxNumBatchedTokens));
      if (log.kvPrecision) args.push('--kv-dtype', log.kvPrecision);
      if (log.weightPrecision) args.push('--weight-dtype', log.weightPrecision);
      const c = await json(...args);
      expect(Math.abs((c.kvTokens as number) / log.kvTokens - 1)).toBeLessThan(0.1);
      // vLLM logs tokens = ⌊blocks ÷ KV-cache groups⌋ × block size, and concurrency = blocks ÷ blocks per request.
      const groups = (c.groups as { groups: number }[]).reduce((n, g) => n + g.groups, 0);
      expect(c.kvTokens).toBe(Math.floor((c.blocks as number) / groups) * (c.blockSize as number));
      expect(c.maxConcurrency as number).toBeGreaterThan(1);
    }
  });

  it('calc capacity takes --gpu-memory for a card the catalog lacks, and prints its assumptions', async () => {
    const r = await run('calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu-memory', '24', '--max-model-len', '8192');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/activation peak/);
    expect(r.out).toMatch(/KV cache size\s+[\d,]+ tokens/);
    const bigger = await json(
      'calc',
      'capacity',
      '--model',
      'llama-3.1-8b',
      '--gpu-memory',
      '48',
      '--max-model-len',
      '8192',
    );
    const smaller = await json(
      'calc',
      'capacity',
      '--model',
      'llama-3.1-8b',
      '--gpu-memory',
      '24',
      '--max-model-len',
      '8192',
    );
    expect(bigger.kvTokens as number).toBeGreaterThan(smaller.kvTokens as number);
  });

  it('calc ceiling reproduces the course: 70 GB on an H100 SXM ⇒ 20.9 ms, 47.9 tokens/s', async () => {
    const r = await run('calc', 'ceiling', '--weights', '70', '--gpu', 'h100-sxm');
    expect(r.out).toMatch(/20\.90 ms/);
    expect(r.out).toMatch(/47\.9 tokens\/s/);
    const j = await json('calc', 'ceiling', '--weights', '70', '--gpu', 'h100-sxm');
    expect(j.tokensPerSecond as number).toBeCloseTo(3350 / 70, 6);
  });

  it('calc ceiling says when the weights do not fit', async () => {
    const r = await run('calc', 'ceiling', '--model', 'llama-3.3-70b', '--weight-dtype', 'int8', '--gpu', 'rtx-4090');
    expect(r.out).toMatch(/no — .* exceeds the card/);
    const j = await json(
      'calc',
      'ceiling',
      '--model',
      'llama-3.3-70b',
      '--weight-dtype',
      'int8',
      '--gpu',
      'h100-sxm',
      '--batch',
      '1,10',
      '--context',
      '4000',
    );
    expect(j.weightsFit).toBe(true);
    expect((j.steps as { batch: number }[]).map((s) => s.batch)).toEqual([1, 10]);
  });

  it('the other calculations answer in JSON', async () => {
    expect((await json('calc', 'speculative', '--acceptance', '0.8')).breakEvenAcceptance as number).toBeCloseTo(
      0.334,
      2,
    );
    expect(
      (await json('calc', 'cost', '--price-per-hour', '2.49', '--tokens-per-second', '1500'))
        .usdPerMillionTokens as number,
    ).toBeCloseTo(0.4611, 4);
    expect((await json('calc', 'weights', '--model', 'deepseek-v3', '--tp', '8', '--gpu', 'h200')).fits).toBe(true);
    expect(
      (await json('calc', 'prefill', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--prompt-tokens', '8000')).regime,
    ).toBe('compute-bound');
    expect(
      (await json('calc', 'quant', '--model', 'llama-3.3-70b', '--gpu', 'h100-sxm')).crossoverBatch,
    ).toBeGreaterThan(32);
    expect(
      (await json('calc', 'parallel', '--model', 'llama-3.3-70b', '--tp', '4', '--pp', '4')).pipelineBubbleFraction,
    ).toBe(0.75);
  });

  it('exits 2 and names the flag for bad flags and values', async () => {
    const cases: [string[], RegExp][] = [
      [['calc', 'kv', '--model', 'llama-3.1-8b', '--bogus'], /--bogus/],
      [
        ['calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--gpu-memory-utilization', '1.5'],
        /--gpu-memory-utilization/,
      ],
      [['calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--tp', 'NaN'], /--tp/],
      [
        ['calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--max-model-len', '-5'],
        /--max-model-len/,
      ],
      [['calc', 'capacity', '--model', 'llama-3.1-8b'], /--gpu/],
      [['calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--kv-dtype', 'fp6'], /--kv-dtype/],
      [['calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu-memory', 'Infinity'], /--gpu-memory/],
      [['calc', 'kv', '--model', 'llama-3.1-8b', '--tp', '3'], /tp/],
      [['calc', 'kv'], /--model/],
      [['calc', 'kv', '--config', '/nonexistent/config.json'], /--config/],
      [['calc', 'speculative', '--acceptance', '2'], /--acceptance/],
      [['calc', 'cost'], /--price-per-hour/],
      [['calc', 'nope'], /unknown calculation/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
    }
  });

  it('a config with a missing field is an error naming it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'goodput-')), 'config.json');
    writeFileSync(path, JSON.stringify({ model_type: 'llama', hidden_size: 4096 }));
    const r = await run('calc', 'kv', '--config', path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/num_attention_heads/);
  });

  it('runs as a real process: node bin/goodput.mjs', () => {
    const ok = spawnSync(process.execPath, ['bin/goodput.mjs', 'calc', 'kv', '--model', 'llama-3.1-8b', '--json'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).bytesPerToken).toBe(131_072);
    const bad = spawnSync(
      process.execPath,
      ['bin/goodput.mjs', 'calc', 'capacity', '--model', 'llama-3.1-8b', '--gpu', 'h100-sxm', '--tp', 'x'],
      {
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--tp/);
  });
});
