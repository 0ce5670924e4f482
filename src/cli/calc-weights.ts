import { paramCounts } from '../engine/params.ts';
import { fixed, formatGBAndGiB, int } from '../engine/units.ts';
import { checkpointPrecision, weightMemory } from '../engine/weights.ts';
import {
  type CalcSubcommand,
  emit,
  GPU_HELP,
  JSON_OPTION,
  MODEL_HELP,
  MODEL_OPTIONS,
  memoryGpu,
  numberFlag,
  PRECISION_LIST,
  precisionFlag,
  resolveModel,
  table,
} from './calc-common.ts';

export const calcWeights: CalcSubcommand = {
  name: 'weights',
  summary: 'parameter counts (total and active) and weight bytes with quantization overheads',
  help: `goodput calc weights — parameters and weight memory as a server loads them

Usage: goodput calc weights (--model <id> | --config <config.json>) [options]

${MODEL_HELP}
  --weight-dtype <p>    store weights at this precision (${PRECISION_LIST}) instead of what the checkpoint says;
                        fp8 = per-tensor scale, int8 = per-channel scale, int4 = g128 scales + zero points
  --tp <n>              also give what one tensor-parallel rank holds
${GPU_HELP}
  --gpu-memory <GiB>    or the card's total memory, for a card not in the catalog
  --json                machine-readable output

Example: goodput calc weights --model deepseek-v3 --tp 8 --gpu h200`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    'weight-dtype': { type: 'string' },
    tp: { type: 'string' },
    gpu: { type: 'string' },
    'gpu-memory': { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const tp = numberFlag(values, 'tp', { int: true, min: 1, max: 1024 }) ?? 1;
    const precision = precisionFlag(values, 'weight-dtype');
    const gpu = memoryGpu(values, false);
    const c = paramCounts(m);
    const w = weightMemory(m, { precision, tp });
    const fits = gpu ? w.perRankBytes <= gpu.memoryBytes : null;
    const format = precision ?? checkpointPrecision(m);
    const data = {
      model: m.id,
      params: {
        total: c.total,
        active: c.active,
        activeExcludingEmbedding: c.activeExcludingEmbedding,
        experts: c.experts,
        embedding: c.embedding,
        byKind: c.byKind,
      },
      format,
      bytes: w.totalBytes,
      bytesPerRank: w.perRankBytes,
      tp,
      quantizedBytes: w.quantizedBytes,
      metadataBytes: w.metadataBytes,
      unquantizedBytes: w.unquantizedBytes,
      keptHighPrecision: w.keptHighPrecision,
      gpu: gpu?.name ?? null,
      fits,
      assumptions: m.assumptions,
    };
    emit(io, values, data, () => {
      const rows: [string, string][] = [
        ['Model', m.name],
        ['Parameters (total)', `${int(c.total)} (${fixed(c.total / 1e9, 2)} B)`],
        [
          'Active per token',
          `${int(c.active)} (${fixed(c.active / 1e9, 2)} B; ${fixed(c.activeExcludingEmbedding / 1e9, 2)} B without the embedding table)`,
        ],
      ];
      if (m.moe)
        rows.push([
          'Routed experts',
          `${int(c.experts)} params; a token uses ${m.moe.expertsPerToken} of ${m.moe.experts}`,
        ]);
      rows.push(['Weight format', format], ['Weights', formatGBAndGiB(w.totalBytes)]);
      if (w.quantization) {
        rows.push(
          ['  quantized payload', formatGBAndGiB(w.quantizedBytes)],
          ['  scales/zeros/indices', formatGBAndGiB(w.metadataBytes)],
          [`  kept at ${w.dtype}`, `${formatGBAndGiB(w.unquantizedBytes)} (${w.keptHighPrecision.join(', ')})`],
        );
      }
      if (tp > 1) rows.push([`Per GPU (TP ${tp})`, formatGBAndGiB(w.perRankBytes)]);
      if (gpu && fits !== null) {
        rows.push([
          `Fits ${gpu.name}?`,
          fits
            ? `yes: ${formatGBAndGiB(w.perRankBytes)} of ${formatGBAndGiB(gpu.memoryBytes)}, before KV cache and activations`
            : `no: ${formatGBAndGiB(w.perRankBytes)} per GPU exceeds the card's ${formatGBAndGiB(gpu.memoryBytes)}`,
        ]);
      }
      for (const a of m.assumptions) rows.push(['Assumed', a]);
      return table(rows);
    });
    return 0;
  },
};
