import { DEFAULT_GPU_MEMORY_UTILIZATION } from '../../../src/engine/capacity.ts';
import { BASE_MODELS, GPUS, getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../../src/engine/memory.ts';
import { paramCounts } from '../../../src/engine/params.ts';
import { fixed, formatBytes, int } from '../../../src/engine/units.ts';
import { schemeWeights, WEIGHT_SCHEMES, type WeightScheme } from '../../../src/engine/weight-schemes.ts';
import type { NumericTemplate } from '../template.ts';

interface BitsParams {
  bits: 2 | 3 | 4 | 8;
  group: number;
  scaleBits: 16 | 32;
  zeroPoints: boolean;
}

export const effectiveBitsTemplate: NumericTemplate<BitsParams> = {
  id: 'quantization/effective-bits',
  topic: 'quantization',
  title: 'Effective bits per weight with group scales',
  spec: { quantity: 'plain', unit: '', tolerance: 0.002 },
  generate(rng) {
    return {
      bits: rng.pick([2, 3, 4, 8] as const),
      group: rng.pick([32, 64, 128, 256]),
      scaleBits: rng.pick([16, 32] as const),
      zeroPoints: rng.next() < 0.5,
    };
  },
  text(p) {
    return `A checkpoint stores weights as ${p.bits}-bit integers in groups of ${p.group}, each group with one ${p.scaleBits}-bit scale${p.zeroPoints ? ` and one ${p.bits}-bit zero point` : ' and no zero point'}. How many bits does each weight take on average, counting the group metadata? (±0.2%)`;
  },
  solve(p) {
    const extra = p.scaleBits + (p.zeroPoints ? p.bits : 0);
    // Independent of the composition on purpose: this is the formula the chapter teaches, b + (s + z) / g.
    const value = p.bits + extra / p.group;
    return {
      value,
      steps: [
        `Metadata per group: ${p.scaleBits} bits of scale${p.zeroPoints ? ` + ${p.bits} bits of zero point` : ''} = ${extra} bits.`,
        `Spread over ${p.group} weights: ${extra} ÷ ${p.group} = ${fixed(extra / p.group, 4)} bits each.`,
        `Effective width: ${p.bits} + ${fixed(extra / p.group, 4)} = ${fixed(value, 4)} bits per weight.`,
      ],
    };
  },
};

const QUANTIZED: WeightScheme[] = ['fp8', 'int8', 'int4-g128', 'int4-g128-zp'];
/** Dense 16-bit checkpoints: the question's layout description (embeddings kept, all else quantized) fits them. */
const DENSE = BASE_MODELS.filter((m) => m.moe === null && !m.quantization && m.vision == null);

interface SizeParams {
  modelId: string;
  scheme: WeightScheme;
}

export const checkpointSize: NumericTemplate<SizeParams> = {
  id: 'quantization/checkpoint-size',
  topic: 'quantization',
  title: 'Size of a quantized checkpoint',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.01 },
  generate(rng) {
    return { modelId: rng.pick(DENSE).id, scheme: rng.pick(['int4-g128', 'int4-g128-zp'] as WeightScheme[]) };
  },
  text(p) {
    const m = getModel(p.modelId);
    const c = paramCounts(m);
    return `${m.name} has ${int(c.total)} parameters, of which ${int(c.embedding)} are in the embedding table${m.tiedEmbeddings ? ' (tied with the output head)' : ' and output head'}. It is quantized as ${WEIGHT_SCHEMES[p.scheme].label}: every other weight becomes a 4-bit integer in groups of 128 with an FP16 scale${p.scheme === 'int4-g128-zp' ? ' and a 4-bit zero point' : ''} per group, while the embeddings stay in 16 bits (so do norms and biases, which are tiny: ignore them). How big is the checkpoint? Answer in GB or GiB. (±1%)`;
  },
  solve(p) {
    const m = getModel(p.modelId);
    const c = paramCounts(m);
    const w = schemeWeights(m, p.scheme);
    const b = { payload: w.quantizedBytes, meta: w.metadataBytes, kept: w.unquantizedBytes, total: w.totalBytes };
    const quantized = w.quantizedBytes * 2;
    return {
      value: b.total,
      steps: [
        `Quantized weights: ${int(quantized)} × 0.5 B = ${formatBytes(b.payload, 'GB', 3)}.`,
        `Group metadata: ${int(quantized)} ÷ 128 groups × ${p.scheme === 'int4-g128-zp' ? '(2 B scale + 0.5 B zero)' : '2 B scale'} = ${formatBytes(b.meta, 'GB', 3)}.`,
        `Kept in 16 bits (embeddings, plus tiny norms and biases): ${formatBytes(b.kept, 'GB', 3)}.`,
        `Total ${formatBytes(b.total, 'GB', 3)}, not the ${formatBytes(c.total * 0.5, 'GB', 3)} of "parameters × half a byte".`,
      ],
    };
  },
};

interface UsersParams extends SizeParams {
  gpuId: string;
  context: number;
}

function users(p: UsersParams) {
  const m = getModel(p.modelId);
  const g = getGpu(p.gpuId);
  const weights = schemeWeights(m, p.scheme).totalBytes;
  const room = g.memoryBytes * DEFAULT_GPU_MEMORY_UTILIZATION - weights;
  const per = kvBytesForContext(m, p.context);
  return { m, g, weights, room, per, count: Math.floor(room / per) };
}

export const usersAfterWeights: NumericTemplate<UsersParams> = {
  id: 'quantization/users-after-weights',
  topic: 'kv-capacity',
  title: 'Conversations that fit beside quantized weights',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    for (;;) {
      const m = rng.pick(
        BASE_MODELS.filter((x) => !x.mla && !x.quantization && x.layerWindows.every((w) => w === null)),
      );
      const p = {
        modelId: m.id,
        scheme: rng.pick(QUANTIZED),
        gpuId: rng.pick(GPUS).id,
        context: rng.pick([1000, 2000, 4000, 8000, 16_000]),
      };
      const { count } = users(p);
      if (p.context <= m.maxContext && count >= 2 && count <= 5000) return p;
    }
  },
  text(p) {
    const { m, g, weights } = users(p);
    return `${m.name} quantized as ${WEIGHT_SCHEMES[p.scheme].label} takes ${formatBytes(weights, 'GB')}. It is served on an ${g.name} (${formatBytes(g.memoryBytes, 'GB')}) with gpu_memory_utilization=${DEFAULT_GPU_MEMORY_UTILIZATION} and a BF16 KV cache of ${int(kvBytesPerToken(m))} B per token. Ignoring activations, how many conversations of ${int(p.context)} tokens fit at once? (a whole number, ±1%)`;
  },
  solve(p) {
    const { m, g, weights, room, per, count } = users(p);
    return {
      value: count,
      steps: [
        `Usable: ${DEFAULT_GPU_MEMORY_UTILIZATION} × ${formatBytes(g.memoryBytes, 'GB')} = ${formatBytes(g.memoryBytes * DEFAULT_GPU_MEMORY_UTILIZATION, 'GB')}; minus ${formatBytes(weights, 'GB')} of weights leaves ${formatBytes(room, 'GB', 3)}.`,
        `One conversation: ${int(p.context)} × ${int(kvBytesPerToken(m))} B = ${formatBytes(per, 'GB', 3)}.`,
        `${formatBytes(room, 'GB', 3)} ÷ ${formatBytes(per, 'GB', 3)} = ${fixed(room / per, 2)} → ${int(count)} conversations.`,
      ],
    };
  },
};

export const QUANTIZATION_TEMPLATES = [effectiveBitsTemplate, checkpointSize, usersAfterWeights];
