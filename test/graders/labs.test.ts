import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLabTests } from '../../graders/labs/harness.ts';
import { LABS } from '../../labs/registry.ts';

async function load(id: string, file: string) {
  return (await import(/* @vite-ignore */ new URL(`../../labs/${id}/${file}`, import.meta.url).href)) as Record<
    string,
    unknown
  >;
}

describe.each(LABS.map((l) => [l.manifest.id, l] as const))('lab %s', (id, lab) => {
  it('the reference solution passes every hidden test', async () => {
    const results = await runLabTests(lab.tests, await load(id, 'solution.ts'));
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('the starter fails', async () => {
    const results = await runLabTests(lab.tests, await load(id, 'starter.ts'));
    expect(results.some((r) => !r.passed)).toBe(true);
  });

  it('starter and solution export what the manifest promises', async () => {
    for (const file of ['starter.ts', 'solution.ts']) {
      const mod = await load(id, file);
      for (const name of lab.manifest.exports) expect(typeof mod[name], `${file} ${name}`).toBe('function');
    }
    expect(readFileSync(`labs/${id}/starter.ts`, 'utf8')).not.toContain(readFileSync(`labs/${id}/solution.ts`, 'utf8'));
  });
});

describe('decode-ceiling lab messages', () => {
  const lab = LABS.find((l) => l.manifest.id === 'decode-ceiling');
  it('tells a learner who forgot the batch in the KV term what to fix', async () => {
    const sol = await load('decode-ceiling', 'solution.ts');
    const wrong = {
      ...sol,
      bytesPerStep: (i: { weightBytes: number; context: number; kvBytesPerToken: number }) =>
        i.weightBytes + i.context * i.kvBytesPerToken,
    };
    const results = await runLabTests(lab?.tests ?? [], wrong);
    const r = results.find((x) => x.name.startsWith('bytesPerStep'));
    expect(r?.passed).toBe(false);
    expect(r?.message).toMatch(/multiplied by the batch size/);
  });

  it('tells a learner who returned seconds instead of milliseconds', async () => {
    const sol = await load('decode-ceiling', 'solution.ts');
    const decodeCeiling = sol.decodeCeiling as (i: unknown) => { msPerStep: number; tokensPerSecond: number };
    const wrong = {
      ...sol,
      decodeCeiling: (i: unknown) => ({ ...decodeCeiling(i), msPerStep: decodeCeiling(i).msPerStep / 1000 }),
    };
    const results = await runLabTests(lab?.tests ?? [], wrong);
    expect(results.find((x) => x.name.includes('milliseconds'))?.message).toMatch(/looks like seconds/);
  });

  it('reports a thrown error as the learner’s, not the harness’s', async () => {
    const sol = await load('decode-ceiling', 'solution.ts');
    const results = await runLabTests(lab?.tests ?? [], {
      ...sol,
      ridgePoint: () => {
        throw new TypeError('oops');
      },
    });
    expect(results.find((x) => x.name.startsWith('ridgePoint'))?.message).toBe('Your code threw: TypeError: oops');
  });
});
