import { describe, expect, it } from 'vitest';
import { GLOBAL_ALLOWANCES } from './allowed-figures.ts';
import { COMPUTED, countWords, handTypedFigures, readChapter } from './prose.ts';

const page = (body: string) =>
  `---\ntitle: T\n---\n\nimport X from '../../src/components/x/X.astro';\nimport { f } from '../../src/course/facts/x.ts';\n\n${body}\n`;

describe('reading a chapter', () => {
  it('flags numbers typed into prose, with or without a unit', () => {
    const c = readChapter(
      page('The weights take 70 GB and the card streams 3,350 GB/s, so 21ms per step, 4.5% use, \\$2 an hour.'),
    );
    expect(handTypedFigures(c, GLOBAL_ALLOWANCES).map((s) => s.split(' ')[0])).toEqual([
      '70',
      '3,350',
      '21ms',
      '4.5%',
      '2',
    ]);
  });

  it('ignores computed values, math, code, names, headings, tags and the sources section', () => {
    const c = readChapter(
      page(
        [
          '## Step 2 of 4',
          'Llama 3.3 70B on an H100 SXM reads {f.weights} per step; see $2 \\times L \\times 8$ and `head_dim=128`.',
          '<Aside title="Common misconception: 2.6 MB">FP8 and W4A16 on Qwen2.5 7B, p99 and the 95th percentile.</Aside>',
          'Chapter 12 and Lab 3 go further; Mixtral 8x7B is a 47B-class model costing \\$' + '{f.cost} per hour.',
          '<SelfCheck templates={["a", "b"]} seed={10} />',
          '1. First step.',
          '## Sources and further reading',
          '- Kwon et al. 2023, https://arxiv.org/abs/2309.06180',
        ].join('\n'),
      ),
    );
    expect(handTypedFigures(c, GLOBAL_ALLOWANCES)).toEqual([]);
    expect(c.sources).toMatch(/2309\.06180/);
    expect(c.prose.join(' ')).toContain(COMPUTED);
  });

  it('counts prose words (computed values count, imports and headings do not)', () => {
    const c = readChapter(page('## A heading here\n\nOne two three {f.x} five.\n\n$$\na + b\n$$\n\nSix seven.'));
    expect(countWords(c)).toBe(7);
  });

  it('lists imports with their sources', () => {
    const c = readChapter(page('Text.'));
    expect(c.imports).toEqual([
      { name: 'X', from: '../../src/components/x/X.astro' },
      { name: 'f', from: '../../src/course/facts/x.ts' },
    ]);
  });
});
