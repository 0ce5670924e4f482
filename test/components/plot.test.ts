import { describe, expect, it } from 'vitest';
import { Plot, renderPlot } from '../../src/components/plot/render.ts';

describe('renderPlot', () => {
  it('draws an SVG without a browser, with one point per datum', () => {
    const data = Array.from({ length: 7 }, (_, i) => ({ x: i, y: i * i }));
    const svg = renderPlot({ marks: [Plot.dot(data, { x: 'x', y: 'y' })] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle/g)?.length).toBe(7);
  });
});
