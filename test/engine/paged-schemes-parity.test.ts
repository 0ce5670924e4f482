import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GPU_MEMORY_UTILIZATION } from '../../src/engine/capacity.ts';
import { BASE_MODELS, getGpu, getModel } from '../../src/engine/catalog/index.ts';
import { blocksFor, prefixScenario } from '../../src/engine/paged.ts';
import { accuracyBootstrap, pairedBootstrap, parityVerdict } from '../../src/engine/parity.ts';
import { effectiveBits, formatCurves, schemeWeights, type WeightScheme } from '../../src/engine/weight-schemes.ts';

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const h100 = getGpu('h100-sxm');

describe('blocks', () => {
  it('vLLM default memory share is 0.9', () => {
    expect(DEFAULT_GPU_MEMORY_UTILIZATION).toBe(0.9);
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
    expect(schemeWeights(llama70, 'int4-g128-zp').totalBytes / 1e9).toBeCloseTo(39.8, 1);
  });

  it('the symmetric scheme drops exactly the zero points: one 4-bit zero per 128 quantized weights', () => {
    const zp = schemeWeights(llama70, 'int4-g128-zp');
    const sym = schemeWeights(llama70, 'int4-g128');
    const quantized = zp.quantizedBytes * 2;
    expect(zp.totalBytes - sym.totalBytes).toBeCloseTo((quantized / 128) * 0.5, -3);
  });

  it('effective bits: 4 + 16/128 = 4.125 and 4 + 20/128 = 4.15625; 16/4.125 is the ~3.87× cap', () => {
    expect(effectiveBits('int4-g128')).toBe(4.125);
    expect(effectiveBits('int4-g128-zp')).toBe(4.15625);
    expect(16 / effectiveBits('int4-g128')).toBeGreaterThan(3.87);
    expect(16 / effectiveBits('int4-g128')).toBeLessThan(3.88);
  });

  it('orders schemes by size for every dense base model', () => {
    for (const m of BASE_MODELS.filter((x) => !x.quantization)) {
      const b = (s: WeightScheme) => schemeWeights(m, s).totalBytes;
      expect(b('bf16')).toBeGreaterThan(b('int8'));
      expect(b('int8')).toBeGreaterThan(b('int4-g128-zp'));
      expect(b('int4-g128-zp')).toBeGreaterThan(b('int4-g128'));
    }
  });
});

describe('format step curves', () => {
  const curves = formatCurves(llama70, h100, 1024, [1, 2, 64, 512, 1024]);

  it('at batch 1 the W4A16 speed-up is close to the byte ratio and below 4× (memory-bound; errata #4)', () => {
    const b1 = curves.rows[0] as (typeof curves.rows)[number];
    expect(b1.bf16 / b1.int4).toBeGreaterThan(3);
    expect(b1.bf16 / b1.int4).toBeLessThanOrEqual(curves.bytesRatio + 1e-9);
    expect(curves.bytesRatio).toBeLessThan(4);
  });

  it('FP8 W8A8 overtakes W4A16 at some batch, and W4A16 is faster just before it', () => {
    const b = curves.crossoverFp8;
    expect(b).not.toBeNull();
    const [before, at] = formatCurves(llama70, h100, 1024, [(b as number) - 1, b as number]).rows;
    expect(before?.int4).toBeLessThan(before?.fp8 as number);
    expect(at?.int4).toBeGreaterThanOrEqual(at?.fp8 as number);
    expect(curves.crossoverFp8StepS).toBeCloseTo(at?.fp8 as number, 12);
  });

  it('step times never fall as the batch grows', () => {
    const rows = formatCurves(llama8, h100, 512, [1, 3, 10, 40, 160, 640, 2000]).rows;
    for (let k = 1; k < rows.length; k++) {
      const [x, y] = [rows[k - 1], rows[k]] as [(typeof rows)[number], (typeof rows)[number]];
      expect(x.bf16).toBeLessThanOrEqual(y.bf16);
      expect(x.int4).toBeLessThanOrEqual(y.int4);
      expect(x.fp8).toBeLessThanOrEqual(y.fp8);
    }
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
