// A real probe-kit run on an H100 SXM (src/course/measurements/), kept as it came off the machine: the site's
// schema, GPU recognition and roofline must make sense of real output.
import { describe, expect, it } from 'vitest';
import { resultsView } from '../../src/components/results/view-model.ts';
import { PROBE_H100_LINES as lines, PROBE_H100_TEXT as text } from '../../src/course/measurements/probe-h100.ts';
import { getGpu, getModel } from '../../src/engine/catalog/index.ts';

const h100 = getGpu('h100-sxm');

describe('a real probe run on an H100 SXM', () => {
  it('is schema-valid, every line measured', () => {
    expect(lines.length).toBe(14);
    expect(lines.every((l) => l.status === 'ok' && !l.dry_run)).toBe(true);
  });

  it('sits below the catalog peaks, but not far below: the catalog holds dense, not sparse, figures', () => {
    const view = resultsView({ files: [{ name: 'h100.jsonl', text }], compare: null });
    expect(view.files[0]?.issues).toEqual([]);
    expect(view.probes.length).toBe(3);
    for (const p of view.probes) {
      expect(p.peak, p.what).not.toBeNull();
      const share = p.measured / (p.peak as number);
      // Above 1 would mean a wrong peak (or a cached copy); below one half, a sparse peak taken for dense.
      expect(share, p.what).toBeLessThan(1);
      expect(share, p.what).toBeGreaterThan(0.6);
    }
    const bw = lines.find((l) => l.kind === 'hbm_bandwidth');
    expect(bw?.kind === 'hbm_bandwidth' && (bw.gb_s_median as number) * 1e9).toBeLessThan(h100.bandwidthBytesPerS);
  });

  it('never measures a decode step faster than the roofline allows', () => {
    const view = resultsView({ files: [{ name: 'h100.jsonl', text }], compare: null });
    const roofline = view.decode.filter((d) => d.kind === 'roofline');
    expect(roofline.length).toBeGreaterThan(0);
    let compared = 0;
    for (const l of lines) {
      if (l.kind !== 'decode_step') continue;
      const name = getModel(l.model.id as string).name;
      const floor = roofline.find((r) => r.batch === l.batch && r.series.includes(`${name} BF16`));
      expect(floor, `${name} batch ${l.batch}`).toBeDefined();
      expect(l.step_ms_best as number).toBeGreaterThan((floor as { ms: number }).ms);
      compared++;
    }
    expect(compared).toBe(11);
  });
});
