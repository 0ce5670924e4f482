// From a measured decode step to achieved memory bandwidth: the check to run after a timeline or kernel profile.
// Runs at build time and in the engine worker.
import { z } from 'zod';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { parseInput } from '../../engine/errors.ts';
import { Precision } from '../../engine/precision.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY as EFF } from '../../engine/roofline.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

export const BandwidthCheckInput = z.object({
  model: z.string(),
  gpu: z.string(),
  weightPrecision: Precision,
  batch: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(4096),
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(10_000_000),
  measuredMs: z
    .number({ error: 'must be a number' })
    .positive('must be above 0')
    .max(100_000, 'must be at most 100,000 ms'),
});
export type BandwidthCheckInput = z.input<typeof BandwidthCheckInput>;

export type Tone = 'ok' | 'warn' | 'bad';

export interface BandwidthView {
  rows: { label: string; value: string }[];
  /** Achieved share of peak bandwidth, 0–1 (or above 1 when the measurement cannot be right). */
  share: number;
  verdict: string;
  tone: Tone;
}

export function bandwidthCheck(input: BandwidthCheckInput): BandwidthView {
  const i = parseInput(BandwidthCheckInput, input, 'bandwidth check');
  const gpu = getGpu(i.gpu);
  const s = decodeStep(getModel(i.model), gpu, {
    weightPrecision: i.weightPrecision,
    batch: i.batch,
    context: i.context,
  });
  const measuredS = i.measuredMs / 1e3;
  const achieved = s.bytesPerStep / measuredS;
  const share = achieved / gpu.bandwidthBytesPerS;
  const band = `${fixed(EFF.low * 100, 0)}–${fixed(EFF.high * 100, 0)}%`;
  let verdict: string;
  let tone: Tone;
  if (s.regime === 'compute-bound') {
    verdict = `At this batch the step is compute-bound (${fixed(s.arithmeticIntensity, 0)} FLOP/B, above the ridge at ${fixed(s.ridgePoint, 0)}): judge it by tensor throughput, not bandwidth.`;
    tone = 'warn';
  } else if (share > 1) {
    verdict = `Faster than the memory bus allows: the measurement or its setup is off (batch, context, precision actually loaded, or only part of the step timed).`;
    tone = 'bad';
  } else if (share >= EFF.low) {
    verdict = `Inside the ${band} that production decode kernels reach: the silicon is the limit; only fewer bytes or more bandwidth will help.`;
    tone = 'ok';
  } else {
    verdict = `Below the ${band} that production decode kernels reach: look at the timeline for gaps between kernels, eager mode, or a precision you did not intend.`;
    tone = share < 0.5 ? 'bad' : 'warn';
  }
  return {
    rows: [
      { label: 'Bytes each step must read', value: formatBytes(s.bytesPerStep, 'GB') },
      { label: 'Step time at peak bandwidth', value: `${fixed(s.memoryTimeS * 1e3, 2)} ms` },
      { label: 'Measured step time', value: `${fixed(i.measuredMs, 2)} ms` },
      {
        label: 'Achieved bandwidth',
        value: `${int(achieved / 1e9)} GB/s of ${int(gpu.bandwidthBytesPerS / 1e9)} GB/s`,
      },
      { label: 'Share of peak', value: `${fixed(share * 100, 1)}%` },
    ],
    share,
    verdict,
    tone,
  };
}
