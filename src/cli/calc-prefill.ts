import { prefillTime } from '../engine/prefill.ts';
import { fixed, formatGBAndGiB, formatPercent, int } from '../engine/units.ts';
import { bulkWeightPrecision } from '../engine/weights.ts';
import {
  type CalcSubcommand,
  catalogGpu,
  emit,
  GPU_HELP,
  JSON_OPTION,
  MODEL_HELP,
  MODEL_OPTIONS,
  numberFlag,
  PRECISION_LIST,
  precisionFlag,
  requiredNumber,
  resolveModel,
  table,
} from './calc-common.ts';
import { UsageError } from './command.ts';

export const calcPrefill: CalcSubcommand = {
  name: 'prefill',
  summary: 'time to prefill a prompt: FLOPs (with causal attention) against bytes',
  help: `goodput calc prefill — how long prefilling a prompt takes on one GPU

Usage: goodput calc prefill (--model <id> | --config <config.json>) --gpu <id> --prompt-tokens <n> [options]

${MODEL_HELP}
${GPU_HELP}
  --prompt-tokens <n>        prompt length
  --batch <n>                prompts prefilled together (default 1)
  --weight-dtype <p>         weight format (${PRECISION_LIST}); sets the tensor-core rate (fp8/int8 use their own)
  --kv-dtype <p>             KV format written (default bf16)
  --compute-efficiency <f>   share of peak tensor throughput reached (default 1)
  --bandwidth-efficiency <f> share of peak bandwidth reached (default 1)
  --json                     machine-readable output

Example: goodput calc prefill --model llama-3.1-8b --gpu h100-sxm --prompt-tokens 8000 --compute-efficiency 0.6`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    gpu: { type: 'string' },
    'prompt-tokens': { type: 'string' },
    batch: { type: 'string' },
    'weight-dtype': { type: 'string' },
    'kv-dtype': { type: 'string' },
    'compute-efficiency': { type: 'string' },
    'bandwidth-efficiency': { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const gpu = catalogGpu(values);
    if (!gpu) throw new UsageError('--gpu <id> is required');
    const prompt = requiredNumber(values, 'prompt-tokens', { int: true, min: 1, max: 10_000_000 });
    const weightPrecision = precisionFlag(values, 'weight-dtype') ?? bulkWeightPrecision(m);
    const p = prefillTime(m, gpu, {
      promptTokens: prompt,
      batch: numberFlag(values, 'batch', { int: true, min: 1, max: 4096 }),
      weightPrecision,
      kvPrecision: precisionFlag(values, 'kv-dtype'),
      computeEfficiency: numberFlag(values, 'compute-efficiency', { min: 0, exclusiveMin: true, max: 1 }),
      bandwidthEfficiency: numberFlag(values, 'bandwidth-efficiency', { min: 0, exclusiveMin: true, max: 1 }),
    });
    const data = { model: m.id, gpu: gpu.name, promptTokens: prompt, weightPrecision, ...p };
    emit(io, values, data, () =>
      table([
        ['Model / GPU', `${m.name} (${weightPrecision}) on ${gpu.name}`],
        ['Prompt', `${int(prompt)} tokens`],
        ['FLOPs', `${fixed(p.flops / 1e12, 1)} TFLOP (attention ${formatPercent(p.attentionFlops / p.flops, 1)})`],
        ['Bytes moved', formatGBAndGiB(p.bytes)],
        ['Compute time', `${fixed(p.computeTimeS * 1e3, 1)} ms`],
        ['Memory time', `${fixed(p.memoryTimeS * 1e3, 1)} ms`],
        ['Prefill time', `${fixed(p.timeS * 1e3, 1)} ms (${p.regime})`],
        ['Throughput', `${int(p.tokensPerSecond)} prompt tokens/s`],
      ]),
    );
    return 0;
  },
};
