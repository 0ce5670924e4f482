import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyBootstrap,
  blocksFor,
  crossoverBatch,
  effectiveBits,
  formatSteps,
  kvPoolBytes,
  pairedBootstrap,
  parityVerdict,
  prefillFlops,
  prefixScenario,
  schemeWeightBytes,
} from '../../src/course/compositions.ts';
import { getGpu, getModel, MODELS } from '../../src/engine/catalog/index.ts';
import { flopsPerToken } from '../../src/engine/roofline.ts';

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');

describe('KV pool and blocks', () => {
  it('pool is the utilization share minus the weights (8B BF16 on H100: 0.9 × 85.52 GB − 16.06 GB)', () => {
    // 81,559 MiB × 0.9 − 8,030,261,248 × 2 B, by hand.
    expect(kvPoolBytes(llama8, h100, 'bf16')).toBeCloseTo(81559 * 2 ** 20 * 0.9 - 8_030_261_248 * 2, 0);
  });

  it('blocks round up and waste less than one block (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(8, 16, 32, 64, 128), (t, b) => {
        const n = blocksFor(t, b);
        return n * b >= t && n * b - t < b;
      }),
    );
  });
});

describe('prefill FLOPs', () => {
  it('equals the brute-force sum of flopsPerToken over positions, windowed models included', () => {
    for (const m of [llama8, getModel('mistral-7b-v0.1')]) {
      for (const t of [1, 7, 4096, 5000]) {
        let sum = 0;
        for (let p = 0; p < t; p++) sum += flopsPerToken(m, p);
        expect(prefillFlops(m, t) / sum).toBeCloseTo(1, 12);
      }
    }
  });
});

describe('prefix sharing', () => {
  it('matches the chapter example worked by hand (100 × 2,600 tokens, 2,000 shared, 16-token blocks)', () => {
    const s = prefixScenario(llama8, { prefix: 2000, unique: 600, requests: 100, blockSize: 16 });
    expect(s.blocksEach).toBe(163); // ⌈2600 / 16⌉
    expect(s.sharedBlocks).toBe(125);
    expect(s.blocksShared).toBe(125 + 100 * 38);
    expect(s.held.prefixSeparate).toBe(100 * 125 * 16 * 131_072);
    expect(s.read.prefixCascade).toBe(2000 * 131_072);
    expect(s.read.own).toBe(100 * 600 * 131_072);
  });

  it('never holds more when shared, and saves exactly (N − 1) copies of the full prefix blocks (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(8, 16, 32, 64),
        (prefix, unique, requests, blockSize) => {
          const s = prefixScenario(llama8, { prefix, unique, requests, blockSize });
          const saved = s.held.prefixSeparate - s.held.prefixShared;
          return (
            saved === (requests - 1) * Math.floor(prefix / blockSize) * blockSize * 131_072 &&
            s.blocksShared <= s.blocksSeparate
          );
        },
      ),
    );
  });
});

describe('quantized weight bytes', () => {
  it('reproduces the errata figure: Llama 3.3 70B at 4-bit g128 with scales and zeros ≈ 39.8 GB (E001-5)', () => {
    expect(schemeWeightBytes(llama70, 'int4-g128-zp').total / 1e9).toBeCloseTo(39.8, 1);
  });

  it('effective bits: 4 + 16/128 = 4.125 and 4 + 20/128 = 4.15625; 16/4.125 is the ~3.87× cap', () => {
    expect(effectiveBits('int4-g128')).toBe(4.125);
    expect(effectiveBits('int4-g128-zp')).toBe(4.15625);
    expect(16 / effectiveBits('int4-g128')).toBeGreaterThan(3.87);
    expect(16 / effectiveBits('int4-g128')).toBeLessThan(3.88);
  });

  it('orders schemes by size for every catalog model', () => {
    for (const m of MODELS) {
      const b = (s: Parameters<typeof schemeWeightBytes>[1]) => schemeWeightBytes(m, s).total;
      expect(b('bf16')).toBeGreaterThan(b('int8'));
      expect(b('int8')).toBeGreaterThan(b('int4-g128-zp'));
      expect(b('int4-g128-zp')).toBeGreaterThan(b('int4-g128'));
    }
  });
});

describe('format step times', () => {
  it('at batch 1 the W4A16 speed-up equals the byte ratio (memory-bound; errata #4)', () => {
    const s = formatSteps(llama70, h100, 1, 0);
    const ratio = schemeWeightBytes(llama70, 'bf16').total / schemeWeightBytes(llama70, 'int4-g128-zp').total;
    expect(s.bf16 / s.int4).toBeCloseTo(ratio, 3);
  });

  it('FP8 W8A8 overtakes W4A16 at some batch, and W4A16 is faster before it', () => {
    const b = crossoverBatch(llama70, h100, 1024, 'fp8');
    expect(b).not.toBeNull();
    const before = formatSteps(llama70, h100, (b as number) - 1, 1024);
    const at = formatSteps(llama70, h100, b as number, 1024);
    expect(before.int4).toBeLessThan(before.fp8);
    expect(at.int4).toBeGreaterThanOrEqual(at.fp8);
  });

  it('step times never fall as the batch grows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = formatSteps(llama8, h100, lo, 512);
        const y = formatSteps(llama8, h100, hi, 512);
        return x.bf16 <= y.bf16 && x.int4 <= y.int4 && x.fp8 <= y.fp8;
      }),
      { numRuns: 50 },
    );
  });
});

describe('parity statistics', () => {
  it('bootstrap interval agrees with the normal approximation for a single accuracy', () => {
    // 900 of 1,000: SE = √(0.9 × 0.1 / 1000) = 0.00949; 95% half-width ≈ 1.96 × SE = 0.0186.
    const r = accuracyBootstrap(1000, 900, { seed: 3 });
    expect((r.high - r.low) / 2).toBeCloseTo(0.0186, 2);
    expect(r.low).toBeLessThan(0.9);
    expect(r.high).toBeGreaterThan(0.9);
  });

  it('paired interval matches the discordant-pairs approximation and narrows with more items', () => {
    // b = 31, c = 24, n = 1319: SE = √(b + c − (c − b)²/n) / n = 0.00562; half-width ≈ 0.0110.
    const r = pairedBootstrap({ n: 1319, bothRight: 1156, lost: 31, gained: 24 }, { seed: 5 });
    expect(r.delta).toBeCloseTo(-7 / 1319, 12);
    expect((r.high - r.low) / 2).toBeCloseTo(0.011, 2);
    const bigger = pairedBootstrap({ n: 4 * 1319, bothRight: 4 * 1156, lost: 4 * 31, gained: 4 * 24 }, { seed: 5 });
    expect((bigger.high - bigger.low) / (r.high - r.low)).toBeCloseTo(0.5, 1);
  });

  it('verdicts follow the interval against the margin', () => {
    expect(parityVerdict(-0.005, 0.004, 0.01)).toBe('pass');
    expect(parityVerdict(-0.03, -0.02, 0.01)).toBe('fail');
    expect(parityVerdict(-0.016, 0.006, 0.01)).toBe('inconclusive');
  });
});
