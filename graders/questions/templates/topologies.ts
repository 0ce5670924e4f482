// Self-check for "Deployment topologies": break-even volume against an API, replicas for a volume, and the decode
// ceiling of a unified-memory workstation.

import { HOURS_PER_MONTH } from '../../../src/components/cost-calculator/cost-view.ts';
import { decideTopology } from '../../../src/course/topology/decide.ts';
import { WORKSTATIONS } from '../../../src/course/topology/workstations.ts';
import { MODELS } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { decodeCeilingTokensPerS } from '../../../src/engine/roofline.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE } from './model-pools.ts';

interface BreakEvenParams {
  usdPerGpuHour: number;
  gpus: number;
  apiUsdPerMTok: number;
}

export const breakEven: NumericTemplate<BreakEvenParams> = {
  id: 'topologies/break-even',
  topic: 'cost',
  title: 'Break-even volume against an API',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return {
      usdPerGpuHour: rng.pick([1.5, 2, 2.5, 3, 4]),
      gpus: rng.pick([1, 2, 4, 8]),
      apiUsdPerMTok: rng.pick([0.2, 0.5, 0.88, 1.5, 3]),
    };
  },
  text(p) {
    return `A dedicated replica of ${p.gpus} GPU${p.gpus > 1 ? 's' : ''} costs $${fixed(p.usdPerGpuHour, 2)} per GPU-hour, billed around the clock (${HOURS_PER_MONTH} hours a month). A hosted API charges $${fixed(p.apiUsdPerMTok, 2)} per million tokens. At what monthly volume, in millions of tokens, does the replica cost the same as the API? (number only, ±1%)`;
  },
  solve(p) {
    const d = decideTopology({
      dataMustStayInHouse: false,
      hasOpsTeam: true,
      monthlyMTok: 1,
      apiUsdPerMTok: p.apiUsdPerMTok,
      usdPerGpuHour: p.usdPerGpuHour,
      gpusPerReplica: p.gpus,
      replicaTokS: 1000,
    }).figures;
    return {
      value: d.breakEvenMTok,
      steps: [
        `Replica per month: ${p.gpus} × $${fixed(p.usdPerGpuHour, 2)} × ${HOURS_PER_MONTH} h = $${int(d.replicaMonthlyUsd)}.`,
        `Break-even = $${int(d.replicaMonthlyUsd)} ÷ $${fixed(p.apiUsdPerMTok, 2)} per million = ${int(d.breakEvenMTok)} million tokens a month.`,
        'Below it the API is cheaper; above it the replica wins, if it can produce that many tokens.',
      ],
    };
  },
};

interface ReplicaParams {
  monthlyMTok: number;
  replicaTokS: number;
}

export const replicasNeeded: NumericTemplate<ReplicaParams> = {
  id: 'topologies/replicas-needed',
  topic: 'cost',
  title: 'Replicas for a monthly volume',
  spec: { quantity: 'plain', unit: '', tolerance: 0.001 },
  generate(rng) {
    for (;;) {
      const p = {
        monthlyMTok: rng.pick([500, 2000, 8000, 20000, 60000]),
        replicaTokS: rng.pick([800, 1900, 4000, 9000]),
      };
      const capacity = (p.replicaTokS * HOURS_PER_MONTH * 3600) / 1e6;
      // Keep volumes that need more than one replica, and not an exact multiple (where rounding is ambiguous).
      if (p.monthlyMTok > capacity && Math.abs(p.monthlyMTok / capacity - Math.round(p.monthlyMTok / capacity)) > 0.02)
        return p;
    }
  },
  text(p) {
    return `A service must produce ${int(p.monthlyMTok)} million output tokens a month. One replica sustains ${int(p.replicaTokS)} tokens per second at full load, around the clock (${HOURS_PER_MONTH} hours a month). Spreading the volume evenly, how many replicas does it need at least? (whole number)`;
  },
  solve(p) {
    const d = decideTopology({
      dataMustStayInHouse: false,
      hasOpsTeam: true,
      monthlyMTok: p.monthlyMTok,
      apiUsdPerMTok: 1,
      usdPerGpuHour: 1,
      gpusPerReplica: 1,
      replicaTokS: p.replicaTokS,
    }).figures;
    return {
      value: d.replicas,
      steps: [
        `One replica per month: ${int(p.replicaTokS)} × ${HOURS_PER_MONTH} × 3,600 ÷ 10⁶ = ${fixed(d.replicaCapacityMTok, 0)} million tokens.`,
        `${int(p.monthlyMTok)} ÷ ${fixed(d.replicaCapacityMTok, 0)} = ${fixed(p.monthlyMTok / d.replicaCapacityMTok, 2)}, so ${d.replicas} replicas.`,
        `They would be ${fixed(d.utilization * 100, 0)}% busy on average — and real traffic peaks, so plan above this.`,
      ],
    };
  },
};

interface WorkstationParams {
  modelId: string;
  precision: Precision;
  machine: number;
}

export const workstationCeiling: NumericTemplate<WorkstationParams> = {
  id: 'topologies/workstation-ceiling',
  topic: 'decode-ceiling',
  title: 'Decode ceiling on a unified-memory workstation',
  spec: { quantity: 'rate', unit: 'tok/s', tolerance: 0.02 },
  generate(rng) {
    return {
      modelId: rng.pick(DENSE).id,
      precision: rng.pick<Precision>(['bf16', 'int8', 'int4']),
      machine: rng.int(0, WORKSTATIONS.length - 1),
    };
  },
  text(p) {
    const m = MODELS.find((x) => x.id === p.modelId) as Model;
    const w = WORKSTATIONS[p.machine] as (typeof WORKSTATIONS)[number];
    return `${m.name} with ${PRECISION_LABEL[p.precision]} weights (ignore quantization scales) runs on a ${w.name}, whose memory moves ${w.gbs} GB/s. What is its batch-1 decode ceiling, ignoring the KV cache? (tok/s, ±2%)`;
  },
  solve(p) {
    const m = MODELS.find((x) => x.id === p.modelId) as Model;
    const w = WORKSTATIONS[p.machine] as (typeof WORKSTATIONS)[number];
    const bytes = weightBytes(m, p.precision);
    const value = decodeCeilingTokensPerS(bytes, w.gbs * 1e9);
    return {
      value,
      steps: [
        `Weights: ${formatBytes(bytes, 'GB')}, all read once per token.`,
        `Ceiling = ${w.gbs} GB/s ÷ ${formatBytes(bytes, 'GB')} = ${fixed(value, 1)} tokens/s.`,
        'The memory pool decides whether the model fits; the bandwidth decides how fast it speaks.',
      ],
    };
  },
};

export const TOPOLOGIES_TEMPLATES = [breakEven, replicasNeeded, workstationCeiling];
