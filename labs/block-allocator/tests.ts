// Hidden tests for lab 8: the learner's KV allocator runs fixed-seed scenarios in the simulator, watched from outside
// by an audit (no over-committed blocks, no refusals while the pool has room, no invented cache hits, every block back
// at the end), and is graded by outcome beside a baseline: contiguous reservation, no prefix caching, and the
// simulator's own paged allocator.
import { fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import {
  allRequests,
  expectMet,
  expectNoLostRequests,
  FIGURES,
  type Figure,
  learnerAllocatorFactory,
  row,
  run,
} from '../../graders/labs/sim.ts';
import {
  getPreset,
  type KvAllocatorOptions,
  mergeScenario,
  presetScenarios,
  type ScenarioInput,
  type SimResult,
} from '../../src/engine/sim/index.ts';
import { type Audit, audit } from './audit.ts';

type Mod = Record<string, unknown>;

const [contiguous, paged] = presetScenarios(getPreset('paged-vs-contiguous'));
const [noCaching, caching] = presetScenarios(getPreset('prefix-caching'));
/** The same agent traffic in a 2 GiB pool: eight shared prefixes fill most of it, so cached blocks must be evicted. */
const crowded: ScenarioInput = mergeScenario(caching, {
  hardware: { kvCacheGiB: 2 },
  workload: { requests: 600, sharedPrefix: { tokens: 1536, groups: 8 } },
});

/** The learner's allocator on `scenario`, audited; audit failures are reported before outcomes. */
function yours(mod: Mod, scenario: ScenarioInput): { result: SimResult; audited: Audit } {
  const create = fn<(o: KvAllocatorOptions) => unknown>(mod, 'createAllocator');
  let audited: Audit | undefined;
  const factory = learnerAllocatorFactory((o) => create({ ...(o as KvAllocatorOptions) }));
  const result = run(scenario, {
    allocator: (o) => {
      audited = audit(factory(o), o);
      return audited.allocator;
    },
  });
  if (!audited) throw new Error('the simulator never asked for an allocator');
  audited.finish();
  return { result, audited };
}

const fmt = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-US');

/** Higher is better; the bar is a share of the reference run, which may differ from the baseline shown. */
function atLeastRef(f: Figure, result: SimResult, baseline: SimResult, reference: SimResult, share: number) {
  const need = f.get(reference) * share;
  return row(f, result, baseline, {
    text: `≥ ${fmt(need)} (${Math.round(share * 100)}% of the simulator's paged allocator)`,
    ok: f.get(result) >= need,
  });
}

function auditRow(a: Audit) {
  return {
    metric: 'audit of your allocator',
    yours:
      a.violations.length === 0 ? 'clean' : `${a.violations.length}${a.violations.length >= 3 ? '+' : ''} problem(s)`,
    baseline: 'clean',
    target: 'clean',
    ok: a.violations.length === 0,
  };
}

function expectClean(a: Audit): void {
  if (a.violations.length > 0) expectMet([{ ...auditRow(a), ok: false }], `${a.violations[0]}.`);
}

const LOST_HINT =
  'A request that never finishes usually means grow refused it for good: check that release gives every block back and that usedBlocks counts only blocks some sequence holds.';

export const tests: LabTest<Mod>[] = [
  {
    name: 'Paged blocks: far more sequences than contiguous reservation in the same 8 GiB',
    run(mod, { report }) {
      const baseline = run(contiguous);
      const reference = run(paged);
      const { result, audited } = yours(mod, paged);
      const rows = [
        allRequests(result, baseline),
        atLeastRef(FIGURES.peakBatch, result, baseline, reference, 0.95),
        atLeastRef(FIGURES.goodput, result, baseline, reference, 0.95),
        auditRow(audited),
      ];
      report(rows);
      expectClean(audited);
      expectNoLostRequests(result, LOST_HINT);
      expectMet(rows);
    },
  },
  {
    name: 'Prefix sharing: a shared 1,536-token tool catalogue is computed once, and TTFT falls',
    run(mod, { report }) {
      const baseline = run(noCaching);
      const reference = run(caching);
      const { result, audited } = yours(mod, caching);
      const ttftLimit = FIGURES.ttftP50.get(reference) * 1.2;
      const rows = [
        allRequests(result, baseline),
        atLeastRef(FIGURES.prefixHit, result, baseline, reference, 0.9),
        row(FIGURES.ttftP50, result, baseline, {
          text: `≤ ${fmt(ttftLimit)} ms (1.2 × the simulator's paged allocator)`,
          ok: FIGURES.ttftP50.get(result) <= ttftLimit,
        }),
        auditRow(audited),
      ];
      report(rows);
      expectClean(audited);
      expectNoLostRequests(result, LOST_HINT);
      expectMet(
        rows,
        rows[1]?.ok === false
          ? 'Remember full computed blocks in markComputed under seq.blockKey(i, blockSize), and count the leading hits in cachedTokens.'
          : '',
      );
    },
  },
  {
    name: 'A crowded pool: cached blocks nobody holds are evicted when free blocks run out',
    run(mod, { report }) {
      const baseline = run(crowded);
      const { result, audited } = yours(mod, crowded);
      const rows = [
        allRequests(result, baseline),
        atLeastRef(FIGURES.goodput, result, baseline, baseline, 0.95),
        atLeastRef(FIGURES.prefixHit, result, baseline, baseline, 0.8),
        auditRow(audited),
      ];
      report(rows);
      expectClean(audited);
      expectNoLostRequests(result, LOST_HINT);
      expectMet(rows);
    },
  },
];

export const mistake: Mistake = {
  what: 'prefix sharing without eviction of cached blocks nobody holds',
  message: /cached blocks nobody holds must be reclaimed/,
};
