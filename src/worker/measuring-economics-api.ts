// Engine-worker methods behind the live elements of parts 6–8 (chapters 26–34). Each view module is imported on
// first use, so a page that never asks for one does not load its code (or its chart library) into the worker.
import type { BandwidthCheckInput } from '../components/bandwidth-check/bandwidth-view.ts';
import type { BitsInput } from '../components/bits-explorer/bits-view.ts';
import type { CostInput } from '../components/cost-calculator/cost-view.ts';
import type { ReproInput } from '../components/repro-check/repro-view.ts';
import type { StageRequest } from '../components/stage-attribution/stage-view.ts';
import type { TopologyInput } from '../course/topology/decide.ts';
import type { CanaryInput } from '../course/traces/canary.ts';
import { InputError, type InputIssue } from '../engine/errors.ts';

export type Reply<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

async function reply<T>(view: () => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await view() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export const measuringEconomicsApi = {
  async canary(req: unknown) {
    return reply(async () => {
      const [{ canarySamples }, { canaryView }] = await Promise.all([
        import('../course/traces/canary.ts'),
        import('../components/canary/canary-view.ts'),
      ]);
      return canaryView(canarySamples(req as CanaryInput));
    });
  },
  async bandwidthCheck(req: unknown) {
    return reply(async () => {
      const { bandwidthCheck } = await import('../components/bandwidth-check/bandwidth-view.ts');
      return bandwidthCheck(req as BandwidthCheckInput);
    });
  },
  async bits(req: unknown) {
    return reply(async () => {
      const { bitsView } = await import('../components/bits-explorer/bits-view.ts');
      return bitsView(req as BitsInput);
    });
  },
  async cost(req: unknown) {
    return reply(async () => {
      const { costView } = await import('../components/cost-calculator/cost-view.ts');
      return costView(req as CostInput);
    });
  },
  async topology(req: unknown) {
    return reply(async () => {
      const { decideTopology } = await import('../course/topology/decide.ts');
      return decideTopology(req as TopologyInput);
    });
  },
  async reproCheck(req: unknown) {
    return reply(async () => {
      const { reproView } = await import('../components/repro-check/repro-view.ts');
      return reproView(req as ReproInput);
    });
  },
  async stageAttribution(req: unknown) {
    return reply(async () => {
      const { stageView } = await import('../components/stage-attribution/stage-view.ts');
      return stageView(req as StageRequest);
    });
  },
};
