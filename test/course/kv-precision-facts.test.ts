// The KV-cache and precision chapters print the corrected figures from shared/course/errata.md; these references
// are the errata's own hand arithmetic, not values read back from the facts modules.
import { describe, expect, it } from 'vitest';
import { accuracyParity } from '../../src/course/facts/accuracy-parity.ts';
import { bytesPerToken, scenarioRows } from '../../src/course/facts/bytes-per-token.ts';
import { pagedAttention } from '../../src/course/facts/paged-attention.ts';
import { prefixCaching } from '../../src/course/facts/prefix-caching.ts';
import { quantization } from '../../src/course/facts/quantization.ts';
import { kvOffload } from '../../src/course/facts/quantization-and-offload.ts';
import { unpackingTax } from '../../src/course/facts/unpacking-tax.ts';

describe('chapter 13 prints the corrected KV figures (errata #1, E004-10, E001-8)', () => {
  it('0.33 MB per token, not 2.6 MB', () => {
    expect(bytesPerToken.perTokenTex).toContain('327{,}680');
    expect(bytesPerToken.mhaPerTokenMB).toBe('2.62');
  });

  it('the corrected table: 0.33 / 1.31 / 13.1 / 26.2 / 65.5 GB', () => {
    expect(scenarioRows.map((r) => r.kv)).toEqual(['0.33 GB', '1.31 GB', '13.11 GB', '26.21 GB', '65.54 GB']);
  });

  it('ten 4,000-token users: 13.1 GB against 141 GB of BF16 weights for 70B; 5.2 GB against 16.1 GB for 8B', () => {
    expect(bytesPerToken.tenUsers70).toBe('13.1 GB');
    expect(bytesPerToken.weights70bf16).toBe('141 GB');
    expect(bytesPerToken.tenUsers8).toBe('5.2 GB');
    expect(bytesPerToken.weights8bf16).toBe('16.1 GB');
  });

  it('one 131,072-token sequence holds 42.9 GB (40 GiB)', () => {
    expect(bytesPerToken.fullCtxGB).toBe('42.9 GB');
    expect(bytesPerToken.fullCtxGiB).toBe('40 GiB');
  });
});

describe('chapter 14', () => {
  it('a 16-token block of Llama 3.1 8B is 2 MiB (16 × 131,072 B)', () => {
    expect(pagedAttention.blockBytes).toBe('2 MiB');
  });
});

describe('chapter 15', () => {
  it('100 sharers store one copy instead of 100: the 99% the source gets right', () => {
    expect(prefixCaching.manualSaving).toBe('99%');
  });
});

describe('chapter 16 (E004-27): HBM is 52× to 105× faster than PCIe', () => {
  it('3,350 / 64 and 3,350 / 32', () => {
    expect(kvOffload.ratio5).toBe('52');
    expect(kvOffload.ratio4).toBe('105');
  });
});

describe('chapter 17 (E001-5, E004-12, E004-13)', () => {
  it('a real 4-bit 70B checkpoint is 39.8 GB and its H200 ceiling about 121 tokens/s, not 137', () => {
    expect(quantization.w4Total).toBe('39.8 GB');
    expect(quantization.w4Ceiling).toBe('121');
  });

  it('BF16 70B does not fit an H100 at all; INT8 fits but leaves almost nothing for the cache (E004-17)', () => {
    expect(quantization.bf16Fits).toBe(false);
    expect(Number(quantization.int8Tokens.replace(/,/g, ''))).toBeLessThan(20_000);
  });

  it('45 GB of GQA cache holds 137,329 tokens: 34 users at 4K, 137 at 1K', () => {
    expect(quantization.quotedTokens).toBe('137,329');
    expect(quantization.quotedUsers4k).toBe('34');
    expect(quantization.quotedUsers1k).toBe('137');
  });
});

describe('chapter 18 (errata #4): the 4-bit speed-up at batch 1 is the byte ratio, below 4×', () => {
  it('speed-up close to the 3.55× byte ratio', () => {
    expect(Number(unpackingTax.b1Speedup)).toBeGreaterThan(3.4);
    expect(Number(unpackingTax.b1Speedup)).toBeLessThanOrEqual(Number(unpackingTax.bytesRatio));
  });
});

describe('chapter 19', () => {
  it('the worked example: Δ = (24 − 31) / 1,319 = −0.53 points', () => {
    expect(accuracyParity.deltaTex).toContain('-0.53');
  });
});
