// The cost calculator's arithmetic as the page shows it: $/MTok at full load and with idle capacity, per good token,
// and per request split by stage. Every dollar figure goes through the $/MTok function; runs at build time and in
// the engine worker.
import { z } from 'zod';
import { requestCost, usdPerMillionTokens } from '../../engine/cost.ts';
import { parseInput } from '../../engine/errors.ts';
import { fixed, int } from '../../engine/units.ts';

/** Hours in an average month (365 × 24 ÷ 12), the convention cloud price lists use. */
export const HOURS_PER_MONTH = 730;

const positive = (max: number, unit: string) =>
  z
    .number({ error: 'must be a number' })
    .positive('must be above 0')
    .max(max, `must be at most ${max.toLocaleString('en-US')}${unit}`);
const share = z.number({ error: 'must be a number' }).min(0, 'must be at least 0%').max(1, 'must be at most 100%');

export const CostInput = z.object({
  usdPerGpuHour: positive(1000, ' $/h'),
  gpus: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1024),
  /** Output tokens per second the replica decodes across all its requests. */
  outputTokS: positive(10_000_000, ' tok/s'),
  /** Prompt tokens per second the replica prefills across all its requests. */
  prefillTokS: positive(100_000_000, ' tok/s'),
  /** Share of billed hours in which the replica has work at that throughput. */
  utilization: share.refine((u) => u > 0, 'must be above 0%'),
  /** Share of requests that meet every SLO. */
  goodShare: share,
  promptTokens: z.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(10_000_000),
  outputTokens: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000),
});
export type CostInput = z.input<typeof CostInput>;

export interface CostView {
  rows: { id: string; label: string; value: string }[];
  /** Numbers the tests and the chapter use. */
  figures: {
    replicaUsdPerHour: number;
    usdPerMTokFull: number;
    usdPerMTokEffective: number;
    usdPerGoodMTok: number | null;
    prefillUsd: number;
    decodeUsd: number;
    requestUsdEffective: number;
    monthlyUsd: number;
  };
}

const usd = (x: number) => (x >= 100 ? `$${int(x)}` : x >= 1 ? `$${fixed(x, 2)}` : `$${x.toPrecision(3)}`);

export function costView(input: CostInput): CostView {
  const i = parseInput(CostInput, input, 'cost input');
  const replicaUsdPerHour = i.usdPerGpuHour * i.gpus;
  const usdPerMTokFull = usdPerMillionTokens(replicaUsdPerHour, i.outputTokS);
  const usdPerMTokEffective = usdPerMillionTokens(replicaUsdPerHour, i.outputTokS * i.utilization);
  const usdPerGoodMTok = i.goodShare > 0 ? usdPerMTokEffective / i.goodShare : null;
  // A request's share of the machine: each stage's tokens at that stage's aggregate rate.
  const { prefillUsd, decodeUsd } = requestCost({
    usdPerHour: replicaUsdPerHour,
    promptTokens: i.promptTokens,
    outputTokens: i.outputTokens,
    prefillTokensPerS: i.prefillTokS,
    decodeTokensPerS: i.outputTokS,
  });
  const requestUsdEffective = (prefillUsd + decodeUsd) / i.utilization;
  const monthlyUsd = replicaUsdPerHour * HOURS_PER_MONTH;
  const perThousand = requestUsdEffective * 1000;
  return {
    rows: [
      { id: 'replica', label: 'Replica price', value: `${usd(replicaUsdPerHour)}/h (${usd(monthlyUsd)} a month)` },
      { id: 'full', label: '$/MTok at full load', value: usd(usdPerMTokFull) },
      { id: 'effective', label: `$/MTok at ${fixed(i.utilization * 100, 0)}% busy`, value: usd(usdPerMTokEffective) },
      {
        id: 'good',
        label: '$ per million tokens that meet the SLOs',
        value: usdPerGoodMTok === null ? 'no request meets the SLOs: every dollar is waste' : usd(usdPerGoodMTok),
      },
      {
        id: 'request',
        label: 'Per 1,000 requests',
        value: `${usd(prefillUsd * 1000)} prefill + ${usd(decodeUsd * 1000)} decode at full load; ${usd(perThousand)} with idle time`,
      },
    ],
    figures: {
      replicaUsdPerHour,
      usdPerMTokFull,
      usdPerMTokEffective,
      usdPerGoodMTok,
      prefillUsd,
      decodeUsd,
      requestUsdEffective,
      monthlyUsd,
    },
  };
}
