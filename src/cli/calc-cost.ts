import { requestCost, usdPerMillionTokens } from '../engine/cost.ts';
import { fixed } from '../engine/units.ts';
import { type CalcSubcommand, emit, JSON_OPTION, numberFlag, requiredNumber, table } from './calc-common.ts';

const usd = (x: number) => (x >= 0.01 ? `$${fixed(x, 4)}` : `$${x.toPrecision(3)}`);

export const calcCost: CalcSubcommand = {
  name: 'cost',
  summary: '$/MTok from price per hour and throughput; cost per request and per serving stage',
  help: `goodput calc cost — dollars per million tokens and per request

Usage: goodput calc cost --price-per-hour <USD> --tokens-per-second <n> [options]
       goodput calc cost --price-per-hour <USD> --prompt-tokens <n> --output-tokens <n> --prefill-tps <n> --decode-tps <n>

  --price-per-hour <USD>     what the deployment (all its GPUs) costs per hour
  --tokens-per-second <n>    tokens per second the deployment produces (all requests together)
  --prompt-tokens <n>        a request's prompt length      } cost per request,
  --output-tokens <n>        a request's output length       } split into prefill
  --prefill-tps <n>          aggregate prefill tokens/s      } and decode
  --decode-tps <n>           aggregate decode tokens/s       }
  --json                     machine-readable output

$/MTok = price per hour ÷ (tokens per second × 3,600) × 10⁶

Example: goodput calc cost --price-per-hour 2.49 --tokens-per-second 1500`,
  options: {
    ...JSON_OPTION,
    'price-per-hour': { type: 'string' },
    'tokens-per-second': { type: 'string' },
    'prompt-tokens': { type: 'string' },
    'output-tokens': { type: 'string' },
    'prefill-tps': { type: 'string' },
    'decode-tps': { type: 'string' },
  },
  run(values, io) {
    const price = requiredNumber(values, 'price-per-hour', { min: 0, exclusiveMin: true, max: 1_000_000 });
    const tps = numberFlag(values, 'tokens-per-second', { min: 0, exclusiveMin: true, max: 1e12 });
    const perRequest = values['prompt-tokens'] !== undefined || values['output-tokens'] !== undefined;
    const rows: [string, string][] = [['Price', `$${fixed(price, 2)} per hour`]];
    const data: Record<string, unknown> = { usdPerHour: price };
    if (tps !== undefined) {
      const mtok = usdPerMillionTokens(price, tps);
      data.tokensPerSecond = tps;
      data.usdPerMillionTokens = mtok;
      rows.push(['Throughput', `${fixed(tps, 1)} tokens/s`], ['Cost', `${usd(mtok)} per million tokens`]);
    }
    if (perRequest) {
      const c = requestCost({
        usdPerHour: price,
        promptTokens: requiredNumber(values, 'prompt-tokens', { int: true, min: 0, max: 1e9 }),
        outputTokens: requiredNumber(values, 'output-tokens', { int: true, min: 0, max: 1e9 }),
        prefillTokensPerS: requiredNumber(values, 'prefill-tps', { min: 0, exclusiveMin: true, max: 1e12 }),
        decodeTokensPerS: requiredNumber(values, 'decode-tps', { min: 0, exclusiveMin: true, max: 1e12 }),
      });
      data.request = c;
      rows.push(
        ['Prefill share of the machine', `${fixed(c.prefillGpuSeconds * 1e3, 2)} ms → ${usd(c.prefillUsd)}`],
        ['Decode share of the machine', `${fixed(c.decodeGpuSeconds * 1e3, 2)} ms → ${usd(c.decodeUsd)}`],
        ['Per request', usd(c.totalUsd)],
      );
    }
    if (tps === undefined && !perRequest) {
      requiredNumber(values, 'tokens-per-second');
    }
    emit(io, values, data, () => table(rows));
    return 0;
  },
};
