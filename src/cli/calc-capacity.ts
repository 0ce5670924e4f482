import { vllmCapacity } from '../engine/capacity.ts';
import { fixed, formatBytes, formatGBAndGiB, GiB, int } from '../engine/units.ts';
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
  type Values,
} from './calc-common.ts';

const gibFlag = (values: Values, flag: string) => {
  const v = numberFlag(values, flag, { min: 0, max: 1_000_000 });
  return v === undefined ? undefined : v * GiB;
};

export const calcCapacity: CalcSubcommand = {
  name: 'capacity',
  summary: 'KV-cache tokens and concurrent sequences, sized the way vLLM sizes its pool',
  help: `goodput calc capacity — how many KV tokens and sequences fit, the way vLLM sizes its KV pool

Usage: goodput calc capacity (--model <id> | --config <config.json>) (--gpu <id> | --gpu-memory <GiB>) [options]

KV memory = CUDA total × gpu_memory_utilization − weights per GPU − activation peak of the profiling run
            − non-torch memory (CUDA libraries, NCCL at TP > 1) − CUDA graphs; then whole blocks of block_size tokens.

${MODEL_HELP}
${GPU_HELP}
  --gpu-memory <GiB>               a card not in the catalog: its total as nvidia-smi reports it
  --gpu-memory-utilization <f>     share of the GPU vLLM may use (default 0.9, vLLM's default)
  --tp <n>                         tensor-parallel GPUs (default 1)
  --max-model-len <tokens>         default: the model's max_position_embeddings
  --max-num-batched-tokens <n>     default: vLLM serve's (8192 on ≥70 GiB cards other than A100, else 2048)
  --max-num-seqs <n>               default: vLLM serve's (1024 on ≥70 GiB cards other than A100, else 256)
  --block-size <tokens>            default 16 (64 for MLA models)
  --weight-dtype <p>               store weights at this precision (${PRECISION_LIST})
  --kv-dtype <p>                   KV-cache format (default: the 16-bit serving dtype)
  --typical-tokens <n>             sequence length for the paged-vs-contiguous comparison (default: max-model-len)
  --enforce-eager                  no CUDA graphs, so nothing set aside for them
  Override an estimate (GiB per GPU):
  --cuda-memory <GiB>              the GPU total CUDA reports (default: measured, or nvidia-smi minus ~0.44 GiB)
  --weights-memory <GiB>           weights per GPU
  --activation-memory <GiB>        activation peak of the profiling run
  --non-torch-memory <GiB>         CUDA-library and NCCL memory
  --cuda-graph-memory <GiB>        CUDA graphs (0 for vLLM before 0.21, which did not deduct them)
  --json                           machine-readable: kvTokens, blocks, maxConcurrency (at max-model-len), …

Example: goodput calc capacity --model llama-3.1-8b --gpu h100-sxm --max-model-len 8192`,
  options: {
    ...MODEL_OPTIONS,
    ...JSON_OPTION,
    gpu: { type: 'string' },
    'gpu-memory': { type: 'string' },
    'gpu-memory-utilization': { type: 'string' },
    tp: { type: 'string' },
    'max-model-len': { type: 'string' },
    'max-num-batched-tokens': { type: 'string' },
    'max-num-seqs': { type: 'string' },
    'block-size': { type: 'string' },
    'weight-dtype': { type: 'string' },
    'kv-dtype': { type: 'string' },
    'typical-tokens': { type: 'string' },
    'enforce-eager': { type: 'boolean' },
    'cuda-memory': { type: 'string' },
    'weights-memory': { type: 'string' },
    'activation-memory': { type: 'string' },
    'non-torch-memory': { type: 'string' },
    'cuda-graph-memory': { type: 'string' },
  },
  run(values, io) {
    const m = resolveModel(values);
    const gpu = memoryGpu(values, true);
    if (!gpu) return 2;
    const whole = (flag: string, max: number) => numberFlag(values, flag, { int: true, min: 1, max });
    const c = vllmCapacity(m, gpu, {
      gpuMemoryUtilization: numberFlag(values, 'gpu-memory-utilization', { min: 0, exclusiveMin: true, max: 1 }),
      tp: whole('tp', 1024),
      maxModelLen: whole('max-model-len', 100_000_000),
      maxNumBatchedTokens: whole('max-num-batched-tokens', 10_000_000),
      maxNumSeqs: whole('max-num-seqs', 1_000_000),
      blockSize: whole('block-size', 4096),
      weightPrecision: precisionFlag(values, 'weight-dtype'),
      kvPrecision: precisionFlag(values, 'kv-dtype'),
      typicalTokens: whole('typical-tokens', 100_000_000),
      enforceEager: values['enforce-eager'] === true,
      cudaMemoryBytes: gibFlag(values, 'cuda-memory'),
      weightBytes: gibFlag(values, 'weights-memory'),
      activationBytes: gibFlag(values, 'activation-memory'),
      nonTorchBytes: gibFlag(values, 'non-torch-memory'),
      cudaGraphBytes: gibFlag(values, 'cuda-graph-memory'),
    });
    const data = { model: m.id, gpu: gpu.name, ...c, modelAssumptions: m.assumptions };
    emit(io, values, data, () => {
      const g = (b: number) => formatBytes(b, 'GiB');
      const rows: [string, string][] = [
        ['Model / GPU', `${m.name} on ${gpu.name}`],
        [
          'GPU memory (CUDA)',
          `${g(c.cudaMemoryBytes)} × ${c.assumptions.find((a) => a.name === 'gpu_memory_utilization')?.value} = ${g(c.requestedBytes)}`,
        ],
        ['− weights per GPU', g(c.weightBytesPerRank)],
        ['− activation peak', g(c.activationBytes)],
        ['− non-torch memory', g(c.nonTorchBytes)],
        ['− CUDA graphs', g(c.cudaGraphBytes)],
        ['= KV cache per GPU', `${formatGBAndGiB(c.kvCacheBytes)}`],
        ['KV bytes per token per GPU', `${int(c.bytesPerToken)} B (${c.kvPrecision})`],
        ['Blocks', `${int(c.blocks)} of ${c.blockSize} tokens`],
        ['KV cache size', `${int(c.kvTokens)} tokens`],
        [`Max concurrency at ${int(c.maxModelLen)} tokens`, `${fixed(c.maxConcurrency, 2)}x`],
        [
          `Sequences of ${int(c.typicalTokens)} tokens`,
          `${int(c.pagedSequences)} paged, ${int(c.contiguousSequences)} if each reserved ${int(c.maxModelLen)} tokens up front`,
        ],
        ['Engine starts?', c.willStart ? 'yes' : `no — ${c.problem}`],
        ['', ''],
        ['Assumptions', ''],
      ];
      for (const a of c.assumptions) {
        const v =
          a.unit === 'bytes' ? g(a.value) : a.unit === 'fraction' ? String(a.value) : `${int(a.value)} ${a.unit}`;
        rows.push([`  ${a.name}`, `${v}${a.overridden ? ' (given)' : ''} — ${a.basis}`]);
      }
      for (const a of m.assumptions) rows.push(['  config', a]);
      return table(rows);
    });
    return 0;
  },
};
