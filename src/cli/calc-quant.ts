import { fixed } from '../engine/units.ts';
import { compareWeightOnlyInt4 } from '../engine/weight-only-quant.ts';
import {
  type CalcSubcommand,
  catalogGpu,
  emit,
  GPU_HELP,
  grid,
  intListFlag,
  JSON_OPTION,
  MODEL_HELP,
  MODEL_OPTIONS,
  numberFlag,
  resolveModel,
  table,
} from './calc-common.ts';
import { UsageError } from './command.ts';

export const calcQuant: CalcSubcommand = {
  name: 'quant',
  summary: 'weight-only INT4 vs 16-bit step time across batch sizes, and where 4-bit stops paying',
  help: `goodput calc quant — weight-only 4-bit (W4A16) against BF16 across batch sizes

Usage: goodput calc quant (--model <id> | --config <config.json>) --gpu <id> [options]

At small batches decode is memory-bound: 4-bit weights move ~3.5× fewer bytes and their dequantization hides under
the loads. At large batches the math dominates; W4A16 still multiplies in 16-bit and also dequantizes each weight
tile again for every group of tokens, so it falls behind BF16 (use W8A8/FP8 there).

${MODEL_HELP}
${GPU_HELP}
  --batches <n,n,…>     batch sizes to compare (default 1,2,4,…,1024)
  --context <tokens>    KV tokens per sequence (default 1024)
  --tile-tokens <n>     tokens sharing one dequantized weight tile (default 64)
  --dequant-ops <n>     CUDA-core operations per dequantized weight (default 4)
  --json                machine-readable output

Example: goodput calc quant --model llama-3.3-70b --gpu h100-sxm`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    gpu: { type: 'string' },
    batches: { type: 'string' },
    context: { type: 'string' },
    'tile-tokens': { type: 'string' },
    'dequant-ops': { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const gpu = catalogGpu(values);
    if (!gpu) throw new UsageError('--gpu <id> is required');
    const r = compareWeightOnlyInt4(m, gpu, {
      batches: intListFlag(values, 'batches', { min: 1, max: 4096 }),
      context: numberFlag(values, 'context', { int: true, min: 0, max: 10_000_000 }),
      tileTokens: numberFlag(values, 'tile-tokens', { int: true, min: 1, max: 4096 }),
      dequantOpsPerWeight: numberFlag(values, 'dequant-ops', { min: 0, exclusiveMin: true, max: 100 }),
    });
    emit(io, values, { model: m.id, gpu: gpu.name, ...r }, () => {
      const head = table([
        ['Model / GPU', `${m.name} on ${gpu.name}`],
        ['Bytes ratio (16-bit ÷ 4-bit)', `${fixed(r.bytesRatio, 2)}× — the most 4-bit can gain`],
        ['4-bit stops paying at', r.crossoverBatch === null ? 'no batch up to 4,096' : `batch ${r.crossoverBatch}`],
        ...r.assumptions.map((a): [string, string] => ['Assumed', a]),
      ]);
      const body = grid(
        ['batch', 'bf16 ms', 'int4 ms', 'speed-up', 'bf16 regime', 'int4 limited by'],
        r.rows.map((row) => [
          String(row.batch),
          fixed(row.bf16StepS * 1e3, 2),
          fixed(row.int4StepS * 1e3, 2),
          `${fixed(row.speedup, 2)}×`,
          row.bf16Regime,
          row.int4Limit,
        ]),
      );
      return `${head}\n\n${body}`;
    });
    return 0;
  },
};
