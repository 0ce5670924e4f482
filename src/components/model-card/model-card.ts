// From a pasted config.json to the numbers a model card implies: parameters, weights by precision, KV bytes per token,
// FLOPs per token and a decode ceiling on a chosen GPU. Pure; runs at build time and in the engine worker.
import { z } from 'zod';
import { maxBatchInMemory } from '../../engine/capacity.ts';
import { getGpu, modelFromConfig } from '../../engine/catalog/index.ts';
import { InputError, parseInput } from '../../engine/errors.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { PRECISIONS, Precision } from '../../engine/precision.ts';
import { decodeStep, flopsPerToken } from '../../engine/roofline.ts';
import { checkpointPrecision, weightMemory } from '../../engine/weights.ts';

export const ModelCardRequest = z.object({
  configText: z
    .string({ error: 'must be text' })
    .trim()
    .min(2, 'is empty: paste the contents of a config.json')
    .max(200_000, 'is longer than 200,000 characters; paste only config.json'),
  gpu: z.string(),
  weightPrecision: Precision,
  kvPrecision: Precision,
  context: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000_000, 'must be at most 10,000,000'),
});
export type ModelCardRequest = z.infer<typeof ModelCardRequest>;

export interface ModelCardReport {
  name: string;
  modelType: string;
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  attention: 'MHA' | 'GQA' | 'MQA' | 'MLA';
  /** Latent width and RoPE key width cached per layer, for MLA models. */
  mla: { latent: number; rope: number } | null;
  /** Layers with a sliding window, and the window, when any. */
  sliding: { layers: number; window: number } | null;
  moe: { experts: number; expertsPerToken: number } | null;
  maxContext: number;
  dtype: Precision;
  assumptions: string[];
  params: { total: number; active: number; embedding: number };
  /** Bytes as stored in the checkpoint (quantization metadata included), and its format. */
  checkpoint: { bytes: number; format: string };
  /** Per precision: parameters × bytes, and as a server loads it (scales, zero points, tensors kept 16-bit). */
  weights: { precision: Precision; bytes: number; loadedBytes: number; fits: boolean }[];
  kvPrecision: Precision;
  kvPerToken: number;
  context: number;
  kvAtContext: number;
  flopsPerToken: number;
  gpuName: string;
  gpuMemory: number;
  weightPrecision: Precision;
  decode: { stepS: number; tokensPerS: number; weightsFit: boolean; bytesPerStep: number };
  maxSequences: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError('config.json', [{ field: 'configText', message: `is not valid JSON (${why})` }]);
  }
}

export function modelCard(input: unknown): ModelCardReport {
  const r = parseInput(ModelCardRequest, input, 'model card input');
  const raw = parseJson(r.configText);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError('config.json', [
      { field: 'configText', message: 'must be a JSON object ({ … }), as config.json is' },
    ]);
  }
  const named = (raw as Record<string, unknown>)._name_or_path;
  const name = typeof named === 'string' && named !== '' ? named : 'your model';
  const m = modelFromConfig(raw, { id: 'pasted', name });
  const gpu = getGpu(r.gpu);
  const counts = paramCounts(m);
  const windowed = m.layerWindows.filter((w): w is number => w !== null);
  const step = decodeStep(m, gpu, {
    weightPrecision: r.weightPrecision,
    kvPrecision: r.kvPrecision,
    batch: 1,
    context: r.context,
  });
  return {
    name,
    modelType: m.modelType,
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    heads: m.heads,
    kvHeads: m.kvHeads,
    headDim: m.headDim,
    attention: m.mla ? 'MLA' : m.kvHeads === m.heads ? 'MHA' : m.kvHeads === 1 ? 'MQA' : 'GQA',
    mla: m.mla ? { latent: m.mla.kvLoraRank, rope: m.mla.qkRopeHeadDim } : null,
    sliding: windowed.length ? { layers: windowed.length, window: Math.min(...windowed) } : null,
    moe: m.moe ? { experts: m.moe.experts, expertsPerToken: m.moe.expertsPerToken } : null,
    maxContext: m.maxContext,
    dtype: m.dtype,
    assumptions: m.assumptions,
    params: { total: counts.total, active: counts.active, embedding: counts.embedding },
    checkpoint: { bytes: weightMemory(m).totalBytes, format: checkpointPrecision(m) },
    weights: PRECISIONS.map((p) => {
      const loadedBytes = weightMemory(m, { precision: p }).totalBytes;
      return { precision: p, bytes: weightBytes(m, p), loadedBytes, fits: loadedBytes <= gpu.memoryBytes };
    }),
    kvPrecision: r.kvPrecision,
    kvPerToken: kvBytesPerToken(m, r.kvPrecision),
    context: r.context,
    kvAtContext: kvBytesForContext(m, r.context, r.kvPrecision),
    flopsPerToken: flopsPerToken(m, r.context),
    gpuName: gpu.name,
    gpuMemory: gpu.memoryBytes,
    weightPrecision: r.weightPrecision,
    decode: {
      stepS: step.stepTimeS,
      tokensPerS: step.tokensPerSecondTotal,
      weightsFit: step.weightsFit,
      bytesPerStep: step.bytesPerStep,
    },
    maxSequences: maxBatchInMemory(m, gpu, r.weightPrecision, r.context, r.kvPrecision),
  };
}
