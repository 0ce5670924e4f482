import { describe, expect, it } from 'vitest';
import { TREE_DEFAULTS, topologies, WORKSTATION_ROWS } from '../../src/course/facts/topologies.ts';
import { decideTopology } from '../../src/course/topology/decide.ts';
import { InputError } from '../../src/engine/errors.ts';
import { engineApi } from '../../src/worker/engine-api.ts';

const base = {
  dataMustStayInHouse: false,
  hasOpsTeam: true,
  monthlyMTok: 100,
  apiUsdPerMTok: 1,
  usdPerGpuHour: 2,
  gpusPerReplica: 1,
  replicaTokS: 2000,
};

describe('the deployment decision', () => {
  it('computes break-even and capacity by hand: $2/h × 730 h = $1,460; 2,000 tok/s × 730 h × 3,600 s = 5,256 MTok', () => {
    const f = decideTopology(base).figures;
    expect(f.replicaMonthlyUsd).toBeCloseTo(1460, 9);
    expect(f.breakEvenMTok).toBeCloseTo(1460, 9);
    expect(f.replicaCapacityMTok).toBeCloseTo(5256, 9);
    expect(f.selfHostedUsdPerMTok).toBeCloseTo(1460 / 100, 9);
  });

  it('puts constraints before money', () => {
    expect(decideTopology({ ...base, dataMustStayInHouse: true }).topology).toBe('self-hosted');
    expect(decideTopology({ ...base, monthlyMTok: 4000, hasOpsTeam: false }).topology).toBe('api');
    expect(decideTopology({ ...base, monthlyMTok: 4000, hasOpsTeam: false }).headline).toMatch(/nobody can run it/);
  });

  it('chooses the API below break-even, hybrid just above it, self-hosting when replicas stay busy', () => {
    expect(decideTopology({ ...base, monthlyMTok: 1000 }).topology).toBe('api');
    expect(decideTopology({ ...base, monthlyMTok: 2000 }).topology).toBe('hybrid');
    expect(decideTopology({ ...base, monthlyMTok: 5000 }).topology).toBe('self-hosted');
    expect(decideTopology({ ...base, monthlyMTok: 20000 }).figures.replicas).toBe(4);
  });

  it('validates by field, also through the worker', async () => {
    expect(() => decideTopology({ ...base, replicaTokS: 0 })).toThrow(InputError);
    const reply = await engineApi.topology({ ...base, gpusPerReplica: 1.5 });
    expect(!reply.ok && reply.issues[0]?.field).toBe('gpusPerReplica');
    expect((await engineApi.topology(TREE_DEFAULTS)).ok).toBe(true);
  });
});

describe('the topologies chapter', () => {
  it('the worked example breaks even well inside the replica capacity, and the manual thresholds are far below it', () => {
    const pct = Number(topologies.breakEvenPct);
    expect(pct).toBeGreaterThan(10);
    expect(pct).toBeLessThan(100);
    expect(Number(topologies.largeUtilPct)).toBeLessThan(10);
    expect(decideTopology(TREE_DEFAULTS).topology).toBe('api');
  });

  it('workstation ratios follow the quoted bandwidths (E004-42: 4.1×, 6.1×, 8.4×, 12.3× vs 3,350 GB/s)', () => {
    expect(WORKSTATION_ROWS.map((r) => r.slower)).toEqual(['4.1', '6.1', '8.4', '12.3']);
  });
});

describe('tensor parallelism over different links (topologies chapter)', () => {
  it('NVLink all-reduces are a small tax; PCIe ones rival streaming the weights', () => {
    const n = (s: string) => Number(s.replace(/[^0-9.]/g, ''));
    expect(n(topologies.tpPcieMs)).toBeGreaterThan(3 * n(topologies.tpNvlinkMs));
    expect(n(topologies.tpNvlinkMs)).toBeLessThan(0.25 * n(topologies.rankWeightsMs));
    expect(n(topologies.tpPcieMs)).toBeGreaterThan(0.5 * n(topologies.rankWeightsMs));
  });
});
