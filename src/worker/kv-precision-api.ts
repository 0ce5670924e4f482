// Engine-worker methods behind the live elements of the KV-cache and precision chapters (13–19).
// Each view module is loaded on first use, so pages that never ask for one do not pay for its chart code.
import type { IslandView } from '../components/island/island-view.ts';
import { InputError, type InputIssue } from '../engine/errors.ts';

type Reply = { ok: true; value: IslandView } | { ok: false; issues: InputIssue[] };

async function reply(view: () => Promise<IslandView>): Promise<Reply> {
  try {
    return { ok: true, value: await view() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export const kvPrecisionApi = {
  kvGrowth(req: unknown): Promise<Reply> {
    return reply(async () => (await import('../components/kv-calculator/kv-growth-view.ts')).kvGrowthView(req));
  },
  pagedBlocks(req: unknown): Promise<Reply> {
    return reply(async () => (await import('../components/paged-blocks/paged-blocks-view.ts')).pagedBlocksView(req));
  },
  prefixSharing(req: unknown): Promise<Reply> {
    return reply(async () =>
      (await import('../components/prefix-sharing/prefix-sharing-view.ts')).prefixSharingView(req),
    );
  },
  kvCapacity(req: unknown): Promise<Reply> {
    return reply(async () => (await import('../components/kv-capacity/kv-capacity-view.ts')).kvCapacityView(req));
  },
  quantFootprint(req: unknown): Promise<Reply> {
    return reply(async () =>
      (await import('../components/quant-footprint/quant-footprint-view.ts')).quantFootprintView(req),
    );
  },
  parityCheck(req: unknown): Promise<Reply> {
    return reply(async () => (await import('../components/parity-check/parity-check-view.ts')).parityCheckView(req));
  },
  unpackingTax(req: unknown): Promise<Reply> {
    return reply(async () => (await import('../components/unpacking-tax/unpacking-tax-view.ts')).unpackingTaxView(req));
  },
};
