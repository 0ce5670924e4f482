import { z } from 'zod';
import { parseInput } from './errors.ts';

const price = z
  .number({ error: 'must be a number' })
  .positive('must be above 0')
  .max(1_000_000, 'must be at most 1,000,000 per hour');
const rate = z.number({ error: 'must be a number' }).positive('must be above 0').max(1e12, 'is implausibly large');

/** Dollars per million tokens: price per hour ÷ (tokens per second × 3,600) × 10⁶. */
export function usdPerMillionTokens(usdPerHour: number, tokensPerSecond: number): number {
  const i = parseInput(
    z.object({ usdPerHour: price, tokensPerSecond: rate }),
    { usdPerHour, tokensPerSecond },
    'cost input',
  );
  return (i.usdPerHour / (i.tokensPerSecond * 3600)) * 1e6;
}

export const RequestCostInput = z.object({
  usdPerHour: price,
  promptTokens: z.number({ error: 'must be a number' }).int().min(0).max(1e9),
  outputTokens: z.number({ error: 'must be a number' }).int().min(0).max(1e9),
  /** Prompt tokens per second the deployment prefills (all requests together). */
  prefillTokensPerS: rate,
  /** Output tokens per second the deployment decodes (all requests together). */
  decodeTokensPerS: rate,
});
export type RequestCostInput = z.input<typeof RequestCostInput>;

export interface RequestCost {
  prefillGpuSeconds: number;
  decodeGpuSeconds: number;
  prefillUsd: number;
  decodeUsd: number;
  totalUsd: number;
  usdPerMillionPromptTokens: number;
  usdPerMillionOutputTokens: number;
}

/**
 * What one request costs on a deployment billed by the hour, split by serving stage: each stage's share of the
 * machine's time is its tokens ÷ that stage's aggregate throughput. Idle time is not charged; a half-empty machine
 * costs the same per hour, so real cost per request rises when it is underused.
 */
export function requestCost(input: RequestCostInput): RequestCost {
  const i = parseInput(RequestCostInput, input, 'cost input');
  const prefillGpuSeconds = i.promptTokens / i.prefillTokensPerS;
  const decodeGpuSeconds = i.outputTokens / i.decodeTokensPerS;
  const perSecond = i.usdPerHour / 3600;
  return {
    prefillGpuSeconds,
    decodeGpuSeconds,
    prefillUsd: prefillGpuSeconds * perSecond,
    decodeUsd: decodeGpuSeconds * perSecond,
    totalUsd: (prefillGpuSeconds + decodeGpuSeconds) * perSecond,
    usdPerMillionPromptTokens: usdPerMillionTokens(i.usdPerHour, i.prefillTokensPerS),
    usdPerMillionOutputTokens: usdPerMillionTokens(i.usdPerHour, i.decodeTokensPerS),
  };
}
