import { kvBytesPerToken } from '../engine/memory.ts';
import { INTERCONNECTS, type Interconnect, pipelineBubbleFraction, tensorParallelCost } from '../engine/parallel.ts';
import { fixed, formatGBAndGiB, formatPercent, int } from '../engine/units.ts';
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
  stringFlag,
  table,
} from './calc-common.ts';
import { UsageError } from './command.ts';

const LINKS = Object.keys(INTERCONNECTS).join(', ');

export const calcParallel: CalcSubcommand = {
  name: 'parallel',
  summary: 'tensor-parallel all-reduce cost and memory per rank; pipeline bubbles',
  help: `goodput calc parallel — what splitting a model across GPUs costs and saves

Usage: goodput calc parallel (--model <id> | --config <config.json>) --tp <n> [options]

${MODEL_HELP}
  --tp <n>                  tensor-parallel GPUs
  --batch <n>               sequences per decode step (default 1)
  --link <name>             interconnect: ${LINKS} (default nvlink4)
  --link-bandwidth <GB/s>   or its bandwidth per GPU per direction
  --latency-us <µs>         fixed cost of one all-reduce (default 8)
  --weight-dtype <p>        weight format for memory per rank (${PRECISION_LIST})
  --pp <n>                  pipeline stages, for the bubble (default 1)
  --microbatches <n>        micro-batches in flight through the pipeline (default 1)
${GPU_HELP}
  --gpu-memory <GiB>        or a card's total memory, to check the weights fit per rank
  --json                    machine-readable output

Example: goodput calc parallel --model llama-3.3-70b --tp 4 --batch 32 --pp 2 --microbatches 8`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    tp: { type: 'string' },
    batch: { type: 'string' },
    link: { type: 'string' },
    'link-bandwidth': { type: 'string' },
    'latency-us': { type: 'string' },
    'weight-dtype': { type: 'string' },
    pp: { type: 'string' },
    microbatches: { type: 'string' },
    gpu: { type: 'string' },
    'gpu-memory': { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const tp = numberFlag(values, 'tp', { int: true, min: 1, max: 1024 });
    if (tp === undefined) throw new UsageError('--tp is required');
    const linkName = stringFlag(values, 'link');
    const customBw = numberFlag(values, 'link-bandwidth', { min: 0, exclusiveMin: true, max: 1e5 });
    if (linkName !== undefined && customBw !== undefined)
      throw new UsageError('give either --link or --link-bandwidth, not both');
    if (linkName !== undefined && !(linkName in INTERCONNECTS))
      throw new UsageError(`--link must be one of ${LINKS} (got "${linkName}")`);
    const link = INTERCONNECTS[(linkName ?? 'nvlink4') as Interconnect];
    const bandwidth = customBw !== undefined ? customBw * 1e9 : link.bytesPerS;
    const latencyUs = numberFlag(values, 'latency-us', { min: 0, max: 1e6 }) ?? 8;
    const batch = numberFlag(values, 'batch', { int: true, min: 1, max: 1_000_000 }) ?? 1;
    const pp = numberFlag(values, 'pp', { int: true, min: 1, max: 1024 }) ?? 1;
    const micro = numberFlag(values, 'microbatches', { int: true, min: 1, max: 1_000_000 }) ?? 1;
    const gpu = memoryGpu(values, false);
    const c = tensorParallelCost(m, {
      tp,
      batch,
      linkBytesPerS: bandwidth,
      allReduceLatencyS: latencyUs * 1e-6,
      weightPrecision: precisionFlag(values, 'weight-dtype'),
    });
    const bubble = pipelineBubbleFraction(pp, micro);
    const weightsPerGpu = c.weightBytesPerRank / pp;
    const fits = gpu ? weightsPerGpu <= gpu.memoryBytes : null;
    const data = {
      model: m.id,
      tp,
      pp,
      microbatches: micro,
      batch,
      linkBytesPerS: bandwidth,
      ...c,
      weightBytesPerGpu: weightsPerGpu,
      kvBytesPerTokenPerGpu: c.kvBytesPerTokenPerRank / pp,
      pipelineBubbleFraction: bubble,
      gpu: gpu?.name ?? null,
      weightsFit: fits,
    };
    emit(io, values, data, () => {
      const rows: [string, string][] = [
        ['Model', m.name],
        ['Tensor parallel', `${tp} GPUs over ${customBw !== undefined ? `${customBw} GB/s` : link.name}`],
        [
          'All-reduces per decode step',
          `${c.allReducesPerStep} (2 per layer), ${int(c.messageBytes)} B each for batch ${batch}`,
        ],
        ['Sent per GPU per all-reduce', `${int(c.bytesSentPerGpu)} B (ring: 2 (tp − 1)/tp × message)`],
        ['Communication per step', `${fixed(c.commTimePerStepS * 1e3, 3)} ms (${latencyUs} µs latency each)`],
        ['All-reduced per token', `${int(c.allReduceBytesPerToken)} B`],
        ['Weights per GPU', formatGBAndGiB(weightsPerGpu)],
        ['KV per token per GPU', `${int(c.kvBytesPerTokenPerRank / pp)} B (of ${int(kvBytesPerToken(m))} B unsplit)`],
      ];
      if (pp > 1 || micro > 1)
        rows.push(['Pipeline bubble', `${formatPercent(bubble, 1)} idle with ${pp} stages and ${micro} micro-batches`]);
      if (gpu && fits !== null) rows.push([`Weights fit ${gpu.name}?`, fits ? 'yes' : 'no']);
      return table(rows);
    });
    return 0;
  },
};
