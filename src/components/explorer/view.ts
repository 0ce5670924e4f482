// What each explorer prints under its chart: a few labelled figures, formatted once for build time and the browser.
import { fixed, formatBytes, formatPercent } from '../../engine/units.ts';
import type { ExplorerData } from './series.ts';

export interface Row {
  label: string;
  value: string;
}

const ms = (x: number, d = 1) => `${fixed(x, d)} ms`;

export function readout(d: ExplorerData): Row[] {
  switch (d.kind) {
    case 'roofline': {
      const rows: Row[] = [
        {
          label: 'Ridge point',
          value: `${fixed(d.ridge, 0)} FLOP/B (${fixed(d.peakFlopsPerS / 1e12, 1)} TFLOP/s ÷ ${fixed(d.bandwidth / 1e9, 0)} GB/s)`,
        },
        ...d.points.map((p) => ({ label: p.label, value: `${fixed(p.intensity, 1)} FLOP/B — ${p.regime}` })),
        { label: 'Decode step', value: `${ms(d.decodeStepMs, 2)} (${fixed(d.decodeTokensPerS, 0)} tokens/s in total)` },
        { label: 'Prefill (lower bound)', value: ms(d.prefillMs) },
        {
          label: 'Decode turns compute-bound at',
          value:
            d.ridgeBatch === null ? 'no batch up to 4,096' : `batch ${fixed(d.ridgeBatch, 0)} (first power of two)`,
        },
      ];
      return rows;
    }
    case 'traffic':
      return [
        { label: 'Weights read per step', value: formatBytes(d.weightBytes, 'GB') },
        {
          label: `Bytes per step at ${fixed(d.end.context, 0)} tokens`,
          value: `${formatBytes(d.end.bytes, 'GB')} (KV ${formatPercent(d.end.kvShare, 0)})`,
        },
        { label: 'Step time there', value: ms(d.end.stepMs) },
        {
          label: 'KV outweighs weights from',
          value: d.crossover === null ? 'never, in this range' : `${fixed(d.crossover, 0)} tokens per sequence`,
        },
        {
          label: 'Weights + KV fit the card?',
          value: d.end.fits ? 'yes' : `no — ${formatBytes(d.capacityBytes, 'GB')} of memory`,
        },
      ];
    case 'batching': {
      const fitting = d.rows.filter((r) => r.fits);
      const best = fitting.at(-1);
      return [
        {
          label: 'Largest batch that fits',
          value: d.weightsFit
            ? d.maxBatch >= 1
              ? fixed(d.maxBatch, 0)
              : 'none: one sequence’s KV does not fit'
            : 'none: the weights do not fit',
        },
        ...(best
          ? [
              {
                label: `Throughput at batch ${fixed(best.batch, 0)}`,
                value: `${fixed(best.totalTps, 0)} tokens/s (${fixed(best.perSeqTps, 1)} per sequence)`,
              },
            ]
          : []),
        {
          label: 'Gain per doubling',
          value: d.rows
            .slice(1, 7)
            .map(
              (r, i) =>
                `${fixed(d.rows[i]?.batch ?? 0, 0)}→${fixed(r.batch, 0)}: +${fixed((r.totalTps / (d.rows[i]?.totalTps ?? 1) - 1) * 100, 0)}%`,
            )
            .join(', '),
        },
      ];
    }
    case 'latency':
      return [
        { label: 'TTFT p50 / p95 / p99', value: `${ms(d.ttft.p50, 0)} / ${ms(d.ttft.p95, 0)} / ${ms(d.ttft.p99, 0)}` },
        { label: 'TTFT mean', value: ms(d.ttft.mean, 0) },
        { label: 'TPOT p50 / p99', value: `${ms(d.tpot.p50, 2)} / ${ms(d.tpot.p99, 2)}` },
        { label: 'Throughput', value: `${fixed(d.throughputReqS, 2)} requests/s` },
        {
          label: 'Goodput',
          value: `${fixed(d.goodputReqS, 2)} requests/s (${formatPercent(d.shareMeeting, 1)} meet both SLOs)`,
        },
      ];
  }
}
