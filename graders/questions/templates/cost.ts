// Money: dollars per million tokens, the cost of one request, and how it splits between prefill and decode.
import { requestCost, usdPerMillionTokens } from '../../../src/engine/cost.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';

interface MTokParams {
  gpus: number;
  usdPerGpuHour: number;
  tokensPerS: number;
}

export const perMillion: NumericTemplate<MTokParams> = {
  id: 'cost/per-million-tokens',
  topic: 'cost',
  title: '$/MTok from price and throughput',
  spec: { quantity: 'money', unit: '$/MTok', tolerance: 0.01 },
  generate(rng) {
    const gpus = rng.pick([1, 2, 4, 8]);
    return {
      gpus,
      usdPerGpuHour: rng.pick([1.2, 2.0, 2.5, 3.0, 4.5]),
      tokensPerS: Math.round(gpus * (300 + 2700 * rng.next())),
    };
  },
  text(p) {
    return `A replica of ${p.gpus} GPU${p.gpus > 1 ? 's' : ''} rents at $${fixed(p.usdPerGpuHour, 2)} per GPU-hour and, kept busy, produces ${int(p.tokensPerS)} output tokens per second in total. What does it cost per million output tokens? (±1%)`;
  },
  solve(p) {
    const hourly = p.gpus * p.usdPerGpuHour;
    const v = usdPerMillionTokens(hourly, p.tokensPerS);
    return {
      value: v,
      steps: [
        `Price per hour: ${p.gpus} × $${fixed(p.usdPerGpuHour, 2)} = $${fixed(hourly, 2)}.`,
        `Tokens per hour: ${int(p.tokensPerS)} × 3,600 = ${int(p.tokensPerS * 3600)}.`,
        `$/MTok = $${fixed(hourly, 2)} ÷ ${int(p.tokensPerS * 3600)} × 10⁶ = $${fixed(v, 3)}. An idle replica still bills by the hour, so real cost is higher at low utilization.`,
      ],
    };
  },
};

interface RequestParams {
  usdPerHour: number;
  promptTokens: number;
  outputTokens: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
}

function drawRequest(rng: Random): RequestParams {
  return {
    usdPerHour: rng.pick([2.5, 8, 16, 24]),
    promptTokens: rng.pick([500, 2000, 4000, 16000, 32000]),
    outputTokens: rng.pick([100, 250, 500, 1000]),
    prefillTokensPerS: rng.pick([10_000, 20_000, 40_000, 80_000]),
    decodeTokensPerS: rng.pick([800, 1500, 3000, 6000]),
  };
}

const requestText = (p: RequestParams) =>
  `A deployment billed at $${fixed(p.usdPerHour, 2)} per hour prefills ${int(p.prefillTokensPerS)} prompt tokens per second and decodes ${int(p.decodeTokensPerS)} output tokens per second (all requests together, kept busy). A request brings a ${int(p.promptTokens)}-token prompt and gets a ${int(p.outputTokens)}-token answer.`;

export const perRequest: NumericTemplate<RequestParams> = {
  id: 'cost/per-request',
  topic: 'cost',
  title: 'The cost of one request',
  spec: { quantity: 'money', unit: '$', tolerance: 0.01 },
  generate: drawRequest,
  text(p) {
    return `${requestText(p)} What does that request cost, in dollars? (±1%)`;
  },
  solve(p) {
    const c = requestCost(p);
    return {
      value: c.totalUsd,
      steps: [
        `Prefill: ${int(p.promptTokens)} ÷ ${int(p.prefillTokensPerS)} tokens/s = ${fixed(c.prefillGpuSeconds, 4)} s of the deployment.`,
        `Decode: ${int(p.outputTokens)} ÷ ${int(p.decodeTokensPerS)} tokens/s = ${fixed(c.decodeGpuSeconds, 4)} s.`,
        `At $${fixed(p.usdPerHour, 2)}/h = $${fixed(p.usdPerHour / 3600, 6)} per second: $${fixed(c.totalUsd, 6)} per request ($${fixed(c.totalUsd * 1000, 3)} per thousand).`,
      ],
    };
  },
};

export const prefillShare: NumericTemplate<RequestParams> = {
  id: 'cost/prefill-share',
  topic: 'cost',
  title: 'Which stage the money goes to',
  spec: { quantity: 'fraction', unit: '%', tolerance: 0.01 },
  generate: drawRequest,
  text(p) {
    return `${requestText(p)} What share of the request's cost is prefill, in percent? (±1%)`;
  },
  solve(p) {
    const c = requestCost(p);
    const share = c.prefillUsd / c.totalUsd;
    return {
      value: share,
      steps: [
        `Prefill: $${fixed(c.prefillUsd, 6)}; decode: $${fixed(c.decodeUsd, 6)}.`,
        `Prefill share: ${fixed(share * 100, 1)}%. Long prompts with short answers (RAG, agents) spend mostly on prefill; chat with long answers mostly on decode — optimize the stage that costs.`,
      ],
    };
  },
};

export const COST_TEMPLATES = [perMillion, perRequest, prefillShare];
