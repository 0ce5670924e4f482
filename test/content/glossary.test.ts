import { describe, expect, it } from 'vitest';
import { OUTLINE } from '../../src/course/outline.ts';
import { glossaryTerms } from './glossary-ids.ts';

const slugs = new Set(OUTLINE.flatMap((p) => p.entries.map((e) => e.slug)));
const terms = glossaryTerms();

describe('glossary', () => {
  it('has unique anchors', () => {
    const ids = terms.map((t) => t.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('links every entry to a chapter in the outline', () => {
    expect(terms.filter((t) => !slugs.has(t.chapter))).toEqual([]);
  });

  it('defines the terms the course leans on', () => {
    const ids = new Set(terms.map((t) => t.id));
    const required = [
      'ttft',
      'tpot',
      'itl',
      'goodput',
      'gqa',
      'mqa',
      'mla',
      'paged-attention',
      'chunked-prefill',
      'prefix-caching',
      'continuous-batching',
      'speculative-decoding',
      'arithmetic-intensity',
      'ridge-point',
      'roofline',
      'kv-cache',
      'prefill',
      'decode',
      'tensor-parallelism',
      'pipeline-parallelism',
      'quantization',
      'w4a16',
      'mtok',
      'percentiles',
    ];
    expect(required.filter((r) => !ids.has(r))).toEqual([]);
  });
});
