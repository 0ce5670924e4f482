import type { DecodeStep } from '../../engine/roofline.ts';
import { fixed, formatBytes, formatGBAndGiB, formatPercent } from '../../engine/units.ts';

export interface Row {
  label: string;
  value: string;
}

export interface DecodeView {
  rows: Row[];
  /** Plain statement of whether the weights fit on the card. */
  fit: { fits: boolean; text: string };
  /** Shares of the bytes read per step, for the bar. */
  shares: { weights: number; kv: number };
}

/** Turn the engine's numbers into what the calculator shows; used at build time and in the browser. */
export function decodeView(s: DecodeStep, batch: number): DecodeView {
  const perSeq = batch > 1 ? ` (${fixed(s.tokensPerSecondPerSequence, 1)} per sequence)` : '';
  const rows: Row[] = [
    { label: 'Weights read per step', value: formatGBAndGiB(s.weightBytesRead) },
    { label: 'KV cache read per step', value: formatGBAndGiB(s.kvBytesRead) },
    { label: 'Bytes per step', value: formatGBAndGiB(s.bytesPerStep) },
    { label: 'Time per step (per token)', value: `${fixed(s.stepTimeS * 1e3, 2)} ms` },
    { label: 'Decode ceiling', value: `${fixed(s.tokensPerSecondTotal, 1)} tokens/s${perSeq}` },
    {
      label: 'Regime',
      value: `${s.regime} (intensity ${fixed(s.arithmeticIntensity, 1)} FLOP/B vs ridge ${fixed(s.ridgePoint, 0)} FLOP/B)`,
    },
    { label: 'Tensor-core utilization', value: formatPercent(s.tensorUtilization, 2) },
  ];
  const free = s.gpuMemoryBytes - s.weightBytesTotal;
  const fit = s.weightsFit
    ? {
        fits: true,
        text: `The weights fit: ${formatBytes(s.weightBytesTotal, 'GiB')} of the card's ${formatBytes(s.gpuMemoryBytes, 'GiB')}, leaving ${formatBytes(free, 'GiB')} for the KV cache, activations and the runtime.`,
      }
    : {
        fits: false,
        text: `The weights do not fit on this GPU: they need ${formatBytes(s.weightBytesTotal, 'GiB')} and the card has ${formatBytes(s.gpuMemoryBytes, 'GiB')}. The figures below are what the bandwidth would allow if they did; in practice you need ${Math.ceil(s.weightBytesTotal / s.gpuMemoryBytes)} or more cards, or a smaller precision.`,
      };
  return { rows, fit, shares: { weights: s.weightBytesRead / s.bytesPerStep, kv: s.kvBytesRead / s.bytesPerStep } };
}
