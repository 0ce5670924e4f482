import {
  kvBytesForContext,
  kvBytesPerToken,
  kvBytesPerTokenMhaFormula,
  kvBytesPerTokenPerLayer,
  kvHeadsPerRank,
} from '../engine/memory.ts';
import { fixed, formatGBAndGiB, int } from '../engine/units.ts';
import { checkTensorParallel } from '../engine/weights.ts';
import {
  type CalcSubcommand,
  emit,
  JSON_OPTION,
  MODEL_HELP,
  MODEL_OPTIONS,
  numberFlag,
  PRECISION_LIST,
  precisionFlag,
  resolveModel,
  table,
} from './calc-common.ts';

export const calcKv: CalcSubcommand = {
  name: 'kv',
  summary: 'KV-cache bytes per token (MHA/GQA/MQA, MLA, sliding windows), per rank under TP',
  help: `goodput calc kv — KV-cache bytes per token and per sequence

Usage: goodput calc kv (--model <id> | --config <config.json>) [options]

${MODEL_HELP}
  --kv-dtype <p>        KV element format (${PRECISION_LIST}); default: the checkpoint's 16-bit dtype
  --tp <n>              tensor-parallel ranks: report what one GPU holds (KV heads split, replicated past the head count)
  --context <tokens>    also give the bytes one sequence of this length holds (sliding-window layers capped)
  --json                machine-readable output; bytesPerToken is per rank when --tp is given

Example: goodput calc kv --model llama-3.3-70b --context 4000`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    'kv-dtype': { type: 'string' },
    tp: { type: 'string' },
    context: { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const tp = numberFlag(values, 'tp', { int: true, min: 1, max: 1024 }) ?? 1;
    checkTensorParallel(m, tp);
    const kv = precisionFlag(values, 'kv-dtype') ?? (m.dtype === 'fp32' ? 'bf16' : m.dtype);
    const context = numberFlag(values, 'context', { int: true, min: 0, max: 100_000_000 });
    const perToken = kvBytesPerToken(m, kv, { tp });
    const perLayer = kvBytesPerTokenPerLayer(m, kv, { tp });
    const attention = m.mla ? 'MLA' : m.kvHeads === m.heads ? 'MHA' : m.kvHeads === 1 ? 'MQA' : 'GQA';
    const sliding = m.layerWindows.filter((w) => w !== null).length;
    const forContext = context === undefined ? undefined : kvBytesForContext(m, context, kv, { tp });
    const mha = kvBytesPerTokenMhaFormula(m, kv);
    const data = {
      model: m.id,
      attention,
      kvDtype: kv,
      tp,
      layers: m.layers,
      kvHeadsPerRank: m.mla ? null : kvHeadsPerRank(m, tp),
      headDim: m.mla ? null : m.headDim,
      mlaCachedWidth: m.mla ? m.mla.kvLoraRank + m.mla.qkRopeHeadDim : null,
      slidingWindowLayers: sliding,
      bytesPerTokenPerLayer: perLayer,
      bytesPerToken: perToken,
      context: context ?? null,
      bytesForContext: forContext ?? null,
      naiveMhaFormulaBytesPerToken: mha,
      assumptions: m.assumptions,
    };
    emit(io, values, data, () => {
      const rows: [string, string][] = [
        ['Model', `${m.name} (${attention}${sliding ? `, ${sliding} of ${m.layers} layers sliding-window` : ''})`],
        ['KV dtype', kv],
        [
          'Per layer per token',
          m.mla
            ? `(${m.mla.kvLoraRank} latent + ${m.mla.qkRopeHeadDim} RoPE key) × ${kv} = ${int(perLayer)} B`
            : `2 × ${fixed(kvHeadsPerRank(m, tp), kvHeadsPerRank(m, tp) % 1 ? 2 : 0)} KV heads × ${m.headDim} × ${kv} = ${int(perLayer)} B`,
        ],
        [`Per token${tp > 1 ? ` (one of ${tp} ranks)` : ''}`, `${int(perToken)} B (${fixed(perToken / 1024, 1)} KiB)`],
      ];
      if (context !== undefined && forContext !== undefined) {
        rows.push([`One ${int(context)}-token sequence`, formatGBAndGiB(forContext)]);
      }
      rows.push([
        'Naive MHA formula (2 × L × hidden × bytes)',
        `${int(mha)} B — ${fixed(mha / perToken, 1)}× the real figure`,
      ]);
      for (const a of m.assumptions) rows.push(['Assumed', a]);
      return table(rows);
    });
    return 0;
  },
};
