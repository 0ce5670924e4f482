import { describe, expect, it } from 'vitest';
import { KV_GROWTH_DEFAULTS, kvGrowthView } from '../../src/components/kv-calculator/kv-growth-view.ts';
import { KV_CAPACITY_DEFAULTS, kvCapacityView } from '../../src/components/kv-capacity/kv-capacity-view.ts';
import {
  PAGED_BLOCKS_DEFAULTS,
  pagedBlocksView,
  sampleLengths,
} from '../../src/components/paged-blocks/paged-blocks-view.ts';
import { PARITY_CHECK_DEFAULTS, parityCheckView } from '../../src/components/parity-check/parity-check-view.ts';
import { PREFIX_SHARING_DEFAULTS, prefixSharingView } from '../../src/components/prefix-sharing/prefix-sharing-view.ts';
import {
  QUANT_FOOTPRINT_DEFAULTS,
  quantFootprintView,
} from '../../src/components/quant-footprint/quant-footprint-view.ts';
import { UNPACKING_TAX_DEFAULTS, unpackingTaxView } from '../../src/components/unpacking-tax/unpacking-tax-view.ts';
import { kvPrecisionApi } from '../../src/worker/kv-precision-api.ts';

const ISLANDS = [
  { name: 'kvGrowth', view: kvGrowthView, defaults: KV_GROWTH_DEFAULTS, bad: { batch: 0 }, field: 'batch' },
  {
    name: 'pagedBlocks',
    view: pagedBlocksView,
    defaults: PAGED_BLOCKS_DEFAULTS,
    bad: { longest: 10 },
    field: 'longest',
  },
  {
    name: 'prefixSharing',
    view: prefixSharingView,
    defaults: PREFIX_SHARING_DEFAULTS,
    bad: { requests: -1 },
    field: 'requests',
  },
  { name: 'kvCapacity', view: kvCapacityView, defaults: KV_CAPACITY_DEFAULTS, bad: { util: 1.5 }, field: 'util' },
  {
    name: 'quantFootprint',
    view: quantFootprintView,
    defaults: QUANT_FOOTPRINT_DEFAULTS,
    bad: { context: 10_000_000 },
    field: 'context',
  },
  {
    name: 'unpackingTax',
    view: unpackingTaxView,
    defaults: UNPACKING_TAX_DEFAULTS,
    bad: { batch: 2048 },
    field: 'batch',
  },
  { name: 'parityCheck', view: parityCheckView, defaults: PARITY_CHECK_DEFAULTS, bad: { lost: 5000 }, field: 'lost' },
] as const;

describe('KV and precision live elements', () => {
  for (const island of ISLANDS) {
    describe(island.name, () => {
      it('teaches with its defaults: a verdict, figures and a described chart', () => {
        const v = island.view(island.defaults);
        expect(v.status?.text.length).toBeGreaterThan(10);
        expect(v.rows.length).toBeGreaterThan(2);
        for (const r of v.rows) expect(r.value).not.toMatch(/NaN|Infinity|undefined/);
        expect(v.figure?.svg.startsWith('<svg') || v.figure?.svg.startsWith('<figure')).toBe(true);
        expect(v.figure?.alt.length).toBeGreaterThan(40);
      });

      it('answers bad input through the worker API as issues naming the field', async () => {
        const api = kvPrecisionApi[island.name];
        const reply = await api({ ...island.defaults, ...island.bad });
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.issues.map((i) => i.field)).toContain(island.field);
        const good = await api(island.defaults);
        expect(good.ok).toBe(true);
      });
    });
  }

  it('samples request lengths within the bounds, reproducibly', () => {
    const a = sampleLengths(50, 2000, 7);
    expect(a).toEqual(sampleLengths(50, 2000, 7));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...a)).toBeLessThanOrEqual(2000);
  });

  it('paged blocks: contiguous reservation admits nobody when one reservation exceeds the pool', () => {
    const v = pagedBlocksView({ ...PAGED_BLOCKS_DEFAULTS, maxModelLen: 32_768, longest: 2000 });
    expect(v.status?.tone).toBe('bad');
    expect(v.status?.text).toMatch(/admits nobody/);
  });

  it('KV calculator flags a context beyond the model maximum', () => {
    expect(() => kvGrowthView({ ...KV_GROWTH_DEFAULTS, context: 200_000 })).toThrow(/maximum context/);
  });
});
