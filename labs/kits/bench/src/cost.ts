// `bench cost --usd-per-hour X results.jsonl`: what each measured line costs per million tokens.
import { z } from 'zod';
import { resultCost, workloadLabel } from '../../../../src/engine/results.ts';
import { numeric, readFlags, UsageError, validateFlags } from './flags.ts';
import type { Io } from './io.ts';
import { describeIssues, readResults } from './results-file.ts';

const Flags = z.object({
  'usd-per-hour': z
    .number({ error: 'is required: the price of the GPU (or node) per hour, in US dollars' })
    .gt(0, 'must be above 0'),
});

export function runCost(argv: string[], io: Io): number {
  const { values, positionals } = readFlags('cost', argv, {
    'usd-per-hour': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const f = validateFlags(Flags, { 'usd-per-hour': numeric(values['usd-per-hour']) });
  if (positionals.length !== 1) throw new UsageError('give exactly one results file, e.g. results.jsonl');
  const path = positionals[0] as string;
  const parsed = readResults(path);
  for (const m of describeIssues(path, parsed)) io.err(m);
  if (parsed.bench.length === 0) {
    io.err(`${path} holds no valid bench-result/v1 lines.`);
    return 1;
  }
  for (const { line, value } of parsed.bench) {
    const cost = resultCost(value, f['usd-per-hour']);
    if (values.json === true) {
      io.out(JSON.stringify(cost ? { ...value, cost } : value));
      continue;
    }
    const unit = value.workload.shape === 'embedding' ? 'prompt' : 'output';
    const tokS =
      value.workload.shape === 'embedding'
        ? value.results.total_token_throughput_tok_s
        : value.results.output_throughput_tok_s;
    const price = cost
      ? `$${cost.usd_per_mtok.toFixed(cost.usd_per_mtok < 1 ? 4 : 2)} per million ${unit} tokens`
      : `no ${unit} tokens: no cost`;
    io.out(
      `line ${line}: ${workloadLabel(value)}${value.incomplete ? ' (incomplete)' : ''}: ${tokS.toFixed(1)} ${unit} tok/s → ${price}`,
    );
  }
  return parsed.issues.length > 0 ? 1 : 0;
}
