import type { Gpu } from '../engine/catalog/gpu.ts';
import { weightBytes } from '../engine/memory.ts';
import { decodeCeilingTokensPerS, decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY } from '../engine/roofline.ts';
import { fixed, formatGBAndGiB, formatPercent } from '../engine/units.ts';
import { bulkWeightPrecision } from '../engine/weights.ts';
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
  PRECISION_LIST,
  precisionFlag,
  resolveModel,
  stringFlag,
  table,
  type Values,
} from './calc-common.ts';
import { UsageError } from './command.ts';

/** --gpu, or a card described by --bandwidth (GB/s) and --tflops (dense BF16). */
function ceilingGpu(values: Values): Gpu {
  const gpu = catalogGpu(values);
  const bw = numberFlag(values, 'bandwidth', { min: 0, exclusiveMin: true, max: 1e6 });
  const tflops = numberFlag(values, 'tflops', { min: 0, exclusiveMin: true, max: 1e6 });
  if (gpu && (bw !== undefined || tflops !== undefined))
    throw new UsageError('give either --gpu or --bandwidth/--tflops, not both');
  if (gpu) return gpu;
  if (bw === undefined) throw new UsageError('--gpu <id> or --bandwidth <GB/s> is required');
  const mem = numberFlag(values, 'gpu-memory', { min: 0, exclusiveMin: true, max: 1e6 });
  const bf16 = (tflops ?? 1000) * 1e12;
  return {
    id: 'custom',
    name: `custom GPU (${bw} GB/s)`,
    memoryLabel: 'custom',
    memoryBytes: Math.round((mem ?? 1e6) * 2 ** 30),
    bandwidthBytesPerS: bw * 1e9,
    denseOpsPerS: { bf16, fp8: null, int8: null },
    interconnect: 'pcie4',
    sources: {
      interconnect: 'not given (PCIe 4.0 assumed; the ceiling does not use it)',
      memory: 'given',
      bandwidth: 'given',
      compute: tflops === undefined ? 'not given (1,000 TFLOPS assumed)' : 'given',
    },
  };
}

export const calcCeiling: CalcSubcommand = {
  name: 'ceiling',
  summary: 'decode step time and tokens/s ceiling from bandwidth, across batch sizes and context',
  help: `goodput calc ceiling — the decode ceiling: bytes per step ÷ bandwidth, against the math

Usage: goodput calc ceiling (--model <id> | --config <config.json> | --weights <GB>) (--gpu <id> | --bandwidth <GB/s>) [options]

${MODEL_HELP}
  --weights <GB>            bytes of weights read per token (decimal GB), instead of a model
${GPU_HELP}
  --bandwidth <GB/s>        a card not in the catalog (with --tflops <dense BF16 TFLOPS> and --gpu-memory <GiB>)
  --weight-dtype <p>        weight format (${PRECISION_LIST}); default: the checkpoint's
  --kv-dtype <p>            KV format (default bf16)
  --batch <n[,n…]>          sequences decoded together (default 1); a list gives one row each
  --context <tokens>        tokens already in each sequence's KV cache (default 0)
  --bandwidth-efficiency <f>  share of peak bandwidth reached (default 1 = the ceiling; real kernels 0.7–0.85)
  --compute-efficiency <f>    share of peak tensor throughput reached (default 1)
  --json                    machine-readable output

Examples: goodput calc ceiling --weights 70 --gpu h100-sxm
          goodput calc ceiling --model llama-3.3-70b --weight-dtype int8 --gpu h100-sxm --batch 1,10,64 --context 4000`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    weights: { type: 'string' },
    gpu: { type: 'string' },
    bandwidth: { type: 'string' },
    tflops: { type: 'string' },
    'gpu-memory': { type: 'string' },
    'weight-dtype': { type: 'string' },
    'kv-dtype': { type: 'string' },
    batch: { type: 'string' },
    context: { type: 'string' },
    'bandwidth-efficiency': { type: 'string' },
    'compute-efficiency': { type: 'string' },
  },
  run(values, io) {
    const gpu = ceilingGpu(values);
    const bwEff = numberFlag(values, 'bandwidth-efficiency', { min: 0, exclusiveMin: true, max: 1 }) ?? 1;
    const weightsGb = numberFlag(values, 'weights', { min: 0, exclusiveMin: true, max: 1e9 });
    if (weightsGb !== undefined) {
      if (stringFlag(values, 'model') !== undefined || stringFlag(values, 'config') !== undefined) {
        throw new UsageError('give either --weights or a model, not both');
      }
      const bytes = weightsGb * 1e9;
      const tps = decodeCeilingTokensPerS(bytes, gpu.bandwidthBytesPerS * bwEff);
      const fits = bytes <= gpu.memoryBytes;
      const data = {
        gpu: gpu.name,
        weightBytes: bytes,
        bandwidthEfficiency: bwEff,
        msPerToken: 1e3 / tps,
        tokensPerSecond: tps,
        weightsFit: fits,
      };
      emit(io, values, data, () =>
        table([
          ['Weights read per token', formatGBAndGiB(bytes)],
          ['GPU', `${gpu.name}, ${fixed(gpu.bandwidthBytesPerS / 1e9, 0)} GB/s × ${bwEff}`],
          ['Time per token', `${fixed(1e3 / tps, 2)} ms`],
          ['Ceiling (batch 1)', `${fixed(tps, 1)} tokens/s`],
          [
            'Weights fit?',
            fits ? 'yes' : `no — ${formatGBAndGiB(bytes)} exceeds the card's ${formatGBAndGiB(gpu.memoryBytes)}`,
          ],
        ]),
      );
      return 0;
    }
    const m = resolveModel(values);
    const weightPrecision = precisionFlag(values, 'weight-dtype') ?? bulkWeightPrecision(m);
    const kvPrecision = precisionFlag(values, 'kv-dtype') ?? 'bf16';
    const batches = intListFlag(values, 'batch', { min: 1, max: 4096 }) ?? [1];
    const context = numberFlag(values, 'context', { int: true, min: 0, max: 10_000_000 }) ?? 0;
    const computeEfficiency = numberFlag(values, 'compute-efficiency', { min: 0, exclusiveMin: true, max: 1 }) ?? 1;
    const steps = batches.map((batch) => ({
      batch,
      ...decodeStep(m, gpu, {
        weightPrecision,
        kvPrecision,
        batch,
        context,
        bandwidthEfficiency: bwEff,
        computeEfficiency,
        includeKvWrite: true,
      }),
    }));
    const total = weightBytes(m, weightPrecision);
    const fits = total <= gpu.memoryBytes;
    const data = {
      model: m.id,
      gpu: gpu.name,
      weightPrecision,
      kvPrecision,
      context,
      weightBytes: total,
      weightsFit: fits,
      steps,
    };
    emit(io, values, data, () => {
      const head = table([
        ['Model / GPU', `${m.name} (${weightPrecision} weights) on ${gpu.name}`],
        ['Weights', formatGBAndGiB(total)],
        [
          'Weights fit?',
          fits
            ? 'yes'
            : `no — ${formatGBAndGiB(total)} exceeds the card's ${formatGBAndGiB(gpu.memoryBytes)}; the figures below are what its bandwidth would allow if they did`,
        ],
        [
          'Efficiency',
          `bandwidth ${bwEff}, compute ${computeEfficiency} (real kernels reach ${TYPICAL_BANDWIDTH_EFFICIENCY.low}–${TYPICAL_BANDWIDTH_EFFICIENCY.high} of peak bandwidth)`,
        ],
      ]);
      const rows = steps.map((s) => [
        String(s.batch),
        fixed(s.bytesPerStep / 1e9, 2),
        fixed(s.stepTimeS * 1e3, 2),
        fixed(s.tokensPerSecondPerSequence, 1),
        fixed(s.tokensPerSecondTotal, 1),
        fixed(s.arithmeticIntensity, 1),
        s.regime,
        formatPercent(s.tensorUtilization, 2),
      ]);
      return `${head}\n\nContext ${context} tokens per sequence\n${grid(['batch', 'GB/step', 'ms/step', 'tok/s/seq', 'tok/s total', 'FLOP/B', 'regime', 'tensor util'], rows)}`;
    });
    return 0;
  },
};
