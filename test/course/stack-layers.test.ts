import { describe, expect, it } from 'vitest';
import { judgeCase } from '../../src/components/layer-map/cases.ts';
import { getLayer, getSymptom, LAYER_IDS, LAYERS, SYMPTOMS } from '../../src/course/stack/layers.ts';

describe('the serving-stack map', () => {
  it('lists every layer once, top (client) to bottom (silicon)', () => {
    expect(LAYERS.map((l) => l.id)).toEqual([...LAYER_IDS]);
    expect(LAYERS[0]?.name).toMatch(/Client/);
    expect(LAYERS.at(-1)?.name).toMatch(/Silicon/);
  });

  it('gives every symptom an owning layer, a fix and a masking fix, with unique ids', () => {
    expect(new Set(SYMPTOMS.map((s) => s.id)).size).toBe(SYMPTOMS.length);
    for (const s of SYMPTOMS) {
      expect(LAYER_IDS).toContain(s.layer);
      for (const text of [s.observed, s.why, s.fix, s.maskedBy]) expect(text.length).toBeGreaterThan(20);
    }
  });

  // The source's diagnostic table, corrected where the errata say so; these mappings are what the chapters teach.
  it('maps the textbook symptoms to the layers the chapters name', () => {
    expect(getSymptom('hot-replica').layer).toBe('L4a');
    expect(getSymptom('itl-spikes-on-long-prompt').layer).toBe('L4b');
    expect(getSymptom('engine-refuses-to-start').layer).toBe('L3');
    expect(getSymptom('tenant-long-prompts').layer).toBe('L5');
    expect(getSymptom('ttft-grows-per-turn').layer).toBe('L6');
    expect(getSymptom('node-drift').layer).toBe('L2');
    expect(getSymptom('driver-too-old').layer).toBe('L1');
    expect(getSymptom('at-the-ceiling').layer).toBe('L0');
  });

  it('covers every layer with at least one symptom', () => {
    for (const id of LAYER_IDS)
      expect(
        SYMPTOMS.some((s) => s.layer === id),
        id,
      ).toBe(true);
  });

  it('rejects unknown ids by name', () => {
    expect(() => getSymptom('nope')).toThrow(/unknown symptom "nope"/);
    expect(getLayer('L3').name).toMatch(/backend/);
  });
});

describe('judging a diagnosis case', () => {
  const c = { id: 'x', title: 't', observations: ['o'], layer: 'L4b' as const, explanation: 'Because.' };
  const name = (id: string) => getLayer(id as 'L3').name;

  it('accepts the owning layer and names it', () => {
    const v = judgeCase(c, 'L4b', name);
    expect(v.correct).toBe(true);
    expect(v.verdict).toMatch(/L4b \(GPU workload scheduling\)/);
  });

  it('rejects a neighbour and still explains', () => {
    const v = judgeCase(c, 'L4a', name);
    expect(v.correct).toBe(false);
    expect(v.verdict).toMatch(/Not L4a.*L4b/);
    expect(v.explanation).toBe('Because.');
  });
});
