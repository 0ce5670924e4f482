// Self-check for "Cost per million tokens": $/MTok, what idle capacity does to it, and cost per request by stage.

import { requestCost, usdPerMillionTokens } from '../../../src/engine/cost.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface MtokParams {
  usdPerGpuHour: number;
  gpus: number;
  tokS: number;
}

export const usdPerMtok: NumericTemplate<MtokParams> = {
  id: 'cost/usd-per-mtok',
  topic: 'cost',
  title: '$/MTok from a price and a throughput',
  spec: { quantity: 'money', unit: '$/MTok', tolerance: 0.01 },
  generate(rng) {
    return {
      usdPerGpuHour: rng.pick([0.8, 1.2, 2, 2.5, 3.5, 4.2]),
      gpus: rng.pick([1, 2, 4, 8]),
      tokS: rng.pick([300, 800, 1500, 2400, 4000, 6500, 12000]),
    };
  },
  text(p) {
    return `A replica of ${p.gpus} GPU${p.gpus > 1 ? 's' : ''} at $${fixed(p.usdPerGpuHour, 2)} per GPU-hour sustains ${int(p.tokS)} output tokens per second under full load. What does it cost per million output tokens? (in $/MTok, ±1%)`;
  },
  solve(p) {
    const perHour = p.usdPerGpuHour * p.gpus;
    const value = usdPerMillionTokens(perHour, p.tokS);
    return {
      value,
      steps: [
        `Replica price: ${p.gpus} × $${fixed(p.usdPerGpuHour, 2)} = $${fixed(perHour, 2)} per hour.`,
        `Tokens per hour: ${int(p.tokS)} × 3,600 = ${int(p.tokS * 3600)}.`,
        `$/MTok = $${fixed(perHour, 2)} ÷ ${int(p.tokS * 3600)} × 10⁶ = $${fixed(value, 3)}.`,
      ],
    };
  },
};

interface IdleParams {
  usdPerHour: number;
  tokS: number;
  utilizationPct: number;
}

export const idleCapacity: NumericTemplate<IdleParams> = {
  id: 'cost/idle-capacity',
  topic: 'cost',
  title: '$/MTok once idle hours are counted',
  spec: { quantity: 'money', unit: '$/MTok', tolerance: 0.01 },
  generate(rng) {
    return {
      usdPerHour: rng.pick([2, 3.2, 8.4, 16, 24]),
      tokS: rng.pick([1000, 2500, 5000, 9000]),
      utilizationPct: rng.pick([15, 25, 35, 50, 65, 80]),
    };
  },
  text(p) {
    return `A replica billed at $${fixed(p.usdPerHour, 2)} per hour produces ${int(p.tokS)} output tokens per second when it has work, but traffic keeps it busy only ${p.utilizationPct}% of the hours it is billed for. What does a million output tokens cost once the idle hours are paid for? (in $/MTok, ±1%)`;
  },
  solve(p) {
    const full = usdPerMillionTokens(p.usdPerHour, p.tokS);
    const value = usdPerMillionTokens(p.usdPerHour, p.tokS * (p.utilizationPct / 100));
    return {
      value,
      steps: [
        `At full load: $${fixed(p.usdPerHour, 2)} ÷ (${int(p.tokS)} × 3,600) × 10⁶ = $${fixed(full, 3)} per million.`,
        `Averaged over billed hours the replica delivers ${p.utilizationPct}% of that rate: ${int((p.tokS * p.utilizationPct) / 100)} tok/s.`,
        `$/MTok = $${fixed(full, 3)} ÷ ${fixed(p.utilizationPct / 100, 2)} = $${fixed(value, 3)}.`,
      ],
    };
  },
};

interface RequestParams {
  usdPerHour: number;
  prompt: number;
  output: number;
  prefillTokS: number;
  decodeTokS: number;
}

export const requestCostPer1k: NumericTemplate<RequestParams> = {
  id: 'cost/request-cost',
  topic: 'cost',
  title: 'Cost of a thousand requests, by stage',
  spec: { quantity: 'money', unit: '$', tolerance: 0.01 },
  generate(rng) {
    return {
      usdPerHour: rng.pick([2, 4, 8.4, 16]),
      prompt: rng.pick([200, 1000, 4000, 16000]),
      output: rng.pick([50, 150, 300, 800]),
      prefillTokS: rng.pick([20000, 40000, 60000, 120000]),
      decodeTokS: rng.pick([1500, 3000, 5000, 9000]),
    };
  },
  text(p) {
    return `On a replica billed at $${fixed(p.usdPerHour, 2)} per hour, prefill runs at ${int(p.prefillTokS)} prompt tokens per second and decode at ${int(p.decodeTokS)} output tokens per second (each across all requests). Each request has ${int(p.prompt)} prompt tokens and ${int(p.output)} output tokens. At full load, what do 1,000 requests cost? (in dollars, ±1%)`;
  },
  solve(p) {
    const { prefillUsd: prefill, decodeUsd: decode } = requestCost({
      usdPerHour: p.usdPerHour,
      promptTokens: p.prompt,
      outputTokens: p.output,
      prefillTokensPerS: p.prefillTokS,
      decodeTokensPerS: p.decodeTokS,
    });
    const value = (prefill + decode) * 1000;
    return {
      value,
      steps: [
        `Price per second: $${fixed(p.usdPerHour, 2)} ÷ 3,600 = $${(p.usdPerHour / 3600).toPrecision(3)}.`,
        `Prefill: ${int(p.prompt)} ÷ ${int(p.prefillTokS)} = ${(p.prompt / p.prefillTokS).toPrecision(3)} s → $${prefill.toPrecision(3)} per request.`,
        `Decode: ${int(p.output)} ÷ ${int(p.decodeTokS)} = ${(p.output / p.decodeTokS).toPrecision(3)} s → $${decode.toPrecision(3)} per request.`,
        `1,000 requests: $${fixed(value, 3)} (${fixed((prefill / (prefill + decode)) * 100, 0)}% of it prefill).`,
      ],
    };
  },
};

export const COST_PER_TOKEN_TEMPLATES = [usdPerMtok, idleCapacity, requestCostPer1k];
