// The deployment decision as course logic: hard constraints first (data residency, team), then money — what the
// same monthly volume costs from an API and on dedicated replicas, given how busy the replicas would be.
import { z } from 'zod';
import { HOURS_PER_MONTH } from '../../components/cost-calculator/cost-view.ts';
import { usdPerMillionTokens } from '../../engine/cost.ts';
import { parseInput } from '../../engine/errors.ts';
import { fixed, int } from '../../engine/units.ts';

const positive = (what: string, max: number) =>
  z
    .number({ error: 'must be a number' })
    .positive('must be above 0')
    .max(max, `must be at most ${max.toLocaleString('en-US')} ${what}`);

export const TopologyInput = z.object({
  /** Prompts and outputs may not leave infrastructure you control (regulation, contract). */
  dataMustStayInHouse: z.boolean(),
  /** Someone can run GPUs, drivers, engines and on-call. */
  hasOpsTeam: z.boolean(),
  /** Output tokens per month, in millions. */
  monthlyMTok: positive('million tokens', 10_000_000),
  apiUsdPerMTok: positive('$ per million tokens', 1000),
  usdPerGpuHour: positive('$ per hour', 1000),
  gpusPerReplica: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1024),
  /** Output tokens per second one replica sustains at full load. */
  replicaTokS: positive('tok/s', 10_000_000),
});
export type TopologyInput = z.input<typeof TopologyInput>;

export type Topology = 'api' | 'self-hosted' | 'hybrid';

export interface TopologyDecision {
  topology: Topology;
  headline: string;
  reasons: string[];
  figures: {
    apiMonthlyUsd: number;
    replicaMonthlyUsd: number;
    replicas: number;
    selfHostedMonthlyUsd: number;
    /** Share of the replicas' capacity the volume would use. */
    utilization: number;
    selfHostedUsdPerMTok: number;
    /** Monthly volume (million tokens) at which one replica costs the same as the API. */
    breakEvenMTok: number;
    /** Million tokens one replica can produce in a month at full load. */
    replicaCapacityMTok: number;
  };
}

const usd = (x: number) => `$${x >= 100 ? int(x) : fixed(x, 2)}`;
const mtok = (x: number) => (x >= 1000 ? `${fixed(x / 1000, 2)} billion` : `${fixed(x, 0)} million`);

export function decideTopology(input: TopologyInput): TopologyDecision {
  const i = parseInput(TopologyInput, input, 'topology input');
  const replicaMonthlyUsd = i.usdPerGpuHour * i.gpusPerReplica * HOURS_PER_MONTH;
  const replicaCapacityMTok = (i.replicaTokS * HOURS_PER_MONTH * 3600) / 1e6;
  const replicas = Math.max(1, Math.ceil(i.monthlyMTok / replicaCapacityMTok));
  const selfHostedMonthlyUsd = replicas * replicaMonthlyUsd;
  const utilization = i.monthlyMTok / (replicas * replicaCapacityMTok);
  // Billed every hour, producing only the volume asked for: $/MTok at the average rate the volume implies.
  const averageTokS = (i.monthlyMTok * 1e6) / (HOURS_PER_MONTH * 3600);
  const selfHostedUsdPerMTok = usdPerMillionTokens(replicas * i.usdPerGpuHour * i.gpusPerReplica, averageTokS);
  const apiMonthlyUsd = i.monthlyMTok * i.apiUsdPerMTok;
  const breakEvenMTok = replicaMonthlyUsd / i.apiUsdPerMTok;
  const figures = {
    apiMonthlyUsd,
    replicaMonthlyUsd,
    replicas,
    selfHostedMonthlyUsd,
    utilization,
    selfHostedUsdPerMTok,
    breakEvenMTok,
    replicaCapacityMTok,
  };
  const money = [
    `${mtok(i.monthlyMTok)} tokens a month cost ${usd(apiMonthlyUsd)} from the API at ${usd(i.apiUsdPerMTok)} per million.`,
    `Self-hosted they need ${replicas} replica${replicas > 1 ? 's' : ''} of ${i.gpusPerReplica} GPU${i.gpusPerReplica > 1 ? 's' : ''} (${usd(selfHostedMonthlyUsd)} a month), busy ${fixed(utilization * 100, 0)}% of the time: ${usd(selfHostedUsdPerMTok)} per million tokens.`,
    `One replica breaks even with the API at ${mtok(breakEvenMTok)} tokens a month, ${fixed((breakEvenMTok / replicaCapacityMTok) * 100, 0)}% of what it can produce.`,
  ];
  const cheaper = selfHostedMonthlyUsd < apiMonthlyUsd;
  if (i.dataMustStayInHouse) {
    return {
      topology: 'self-hosted',
      headline: i.hasOpsTeam
        ? 'Self-host: the data cannot leave, so the only question is how to size it.'
        : 'Self-host, and staff it: the data cannot leave, and nobody is there to run GPUs yet.',
      reasons: [
        'Data residency is a constraint, not a cost line: it rules the API out before any arithmetic.',
        ...money,
      ],
      figures,
    };
  }
  if (!i.hasOpsTeam) {
    return {
      topology: 'api',
      headline: cheaper
        ? 'Use the API for now: self-hosting would be cheaper on paper, but nobody can run it.'
        : 'Use the API: it is cheaper at this volume, and there is no team to run GPUs.',
      reasons: [
        ...money,
        'Engines, drivers, capacity planning and on-call are real work; without a team the saving is theoretical.',
      ],
      figures,
    };
  }
  if (!cheaper) {
    return {
      topology: 'api',
      headline: 'Use the API: at this volume dedicated GPUs would sit idle too much of the time.',
      reasons: [
        ...money,
        'Revisit when volume approaches the break-even point, or if latency or customization needs change.',
      ],
      figures,
    };
  }
  if (utilization < 0.6 && replicas === 1) {
    return {
      topology: 'hybrid',
      headline: 'Self-host the steady base load and send bursts to an API.',
      reasons: [
        ...money,
        'Dedicated capacity pays for the predictable part of the traffic; paying per token for peaks avoids sizing for them.',
      ],
      figures,
    };
  }
  return {
    topology: 'self-hosted',
    headline: 'Self-host: the volume keeps dedicated GPUs busy enough to beat the API.',
    reasons: [...money, 'Keep measuring utilization: the saving depends on it staying high.'],
    figures,
  };
}
