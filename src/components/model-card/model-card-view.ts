// The model-card report in words and figures; shared by the build-time render and the browser.
import { PRECISION_LABEL } from '../../engine/precision.ts';
import { fixed, formatBytes, formatGBAndGiB, int } from '../../engine/units.ts';
import type { ModelCardReport } from './model-card.ts';

export interface Row {
  label: string;
  value: string;
}

export interface Section {
  heading: string;
  rows: Row[];
}

const billions = (n: number) => `${fixed(n / 1e9, 2)} B (${int(n)})`;

export function modelCardView(r: ModelCardReport): Section[] {
  const attention =
    r.attention === 'MLA' && r.mla
      ? `multi-head latent (MLA): ${r.heads} heads, but each layer caches one ${r.mla.latent}-wide latent plus a ${r.mla.rope}-wide positional key per token`
      : r.attention === 'GQA'
        ? `grouped-query (GQA): ${r.heads} query heads share ${r.kvHeads} KV heads, ${r.heads / r.kvHeads} per group`
        : r.attention === 'MQA'
          ? `multi-query (MQA): ${r.heads} query heads share one KV head`
          : `multi-head (MHA): each of ${r.heads} heads keeps its own keys and values`;
  const arch: Row[] = [
    { label: 'Family', value: `${r.modelType}, stored as ${PRECISION_LABEL[r.dtype]}` },
    { label: 'Layers × hidden size', value: `${r.layers} × ${int(r.hiddenSize)}` },
    { label: 'Attention', value: r.attention === 'MLA' ? attention : `${attention}; head dim ${r.headDim}` },
    {
      label: 'Window',
      value: r.sliding
        ? `${r.sliding.layers} of ${r.layers} layers keep only the last ${int(r.sliding.window)} tokens`
        : 'every layer attends to the whole context',
    },
    {
      label: 'Experts',
      value: r.moe ? `${r.moe.experts} per layer, ${r.moe.expertsPerToken} chosen per token` : 'none (dense)',
    },
    { label: 'Longest context', value: `${int(r.maxContext)} tokens` },
  ];
  const params: Row[] = [
    { label: 'Parameters (total)', value: billions(r.params.total) },
    { label: 'Active per token', value: r.moe ? billions(r.params.active) : 'all of them (dense)' },
    { label: 'Embedding and output head', value: billions(r.params.embedding) },
    { label: 'Checkpoint as stored', value: `${formatGBAndGiB(r.checkpoint.bytes)}, ${r.checkpoint.format}` },
  ];
  const kv: Row[] = [
    {
      label: `KV bytes per token (${PRECISION_LABEL[r.kvPrecision]})`,
      value: `${int(r.kvPerToken)} B (${formatBytes(r.kvPerToken, 'KB', 1)})`,
    },
    { label: `KV for one sequence at ${int(r.context)} tokens`, value: formatGBAndGiB(r.kvAtContext) },
    { label: `FLOPs per token at ${int(r.context)} tokens`, value: `${fixed(r.flopsPerToken / 1e9, 1)} GFLOP` },
  ];
  const weights = r.weights.find((w) => w.precision === r.weightPrecision);
  const decode: Row[] = [
    {
      label: `Decode ceiling on ${r.gpuName}, ${PRECISION_LABEL[r.weightPrecision]}, batch 1`,
      value: `${fixed(r.decode.tokensPerS, 1)} tokens/s (${fixed(r.decode.stepS * 1e3, 2)} ms per step, ${formatBytes(r.decode.bytesPerStep, 'GB')} read)`,
    },
    {
      label: 'Fits the card?',
      value: weights?.fits
        ? `yes: weights take ${formatBytes(weights.loadedBytes, 'GiB')} as loaded, of ${formatBytes(r.gpuMemory, 'GiB')}; room for at most ${int(r.maxSequences)} sequences of ${int(r.context)} tokens beside them (before activations and the runtime's reserve)`
        : `no: weights need ${formatBytes(weights?.loadedBytes ?? 0, 'GiB')} as loaded, the card has ${formatBytes(r.gpuMemory, 'GiB')}; the ceiling above is what bandwidth would allow if they fitted`,
    },
  ];
  const sections: Section[] = [
    { heading: 'Architecture', rows: arch },
    { heading: 'Parameters', rows: params },
    { heading: 'KV cache and compute', rows: kv },
    { heading: 'On your GPU', rows: decode },
  ];
  if (r.assumptions.length) {
    sections.push({
      heading: 'Assumptions the engine made',
      rows: r.assumptions.map((a, i) => ({ label: `${i + 1}`, value: a })),
    });
  }
  return sections;
}

/** Weights at every precision, for the table. */
export function weightRows(r: ModelCardReport): { precision: string; size: string; loaded: string; fits: string }[] {
  return r.weights.map((w) => ({
    precision: PRECISION_LABEL[w.precision],
    size: formatGBAndGiB(w.bytes),
    loaded: formatGBAndGiB(w.loadedBytes),
    fits: w.fits ? 'fits' : 'too big',
  }));
}
