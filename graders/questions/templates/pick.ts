// Helpers the chapter templates share: look up catalog entries by id and draw combinations that make sense.
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { BASE_MODELS, GPUS, MODELS, modelFromConfig } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { weightBytes } from '../../../src/engine/memory.ts';
import type { Precision } from '../../../src/engine/precision.ts';
import type { Random } from '../../../src/engine/random.ts';
import { fixed, int } from '../../../src/engine/units.ts';

export const modelById = (id: string) => MODELS.find((m) => m.id === id) as Model;

/**
 * The question pool: catalog models other than re-quantized copies, with standard attention, so that the per-head
 * KV and attention formulas the questions state apply (MLA models are asked about where MLA is taught).
 */
export const POOL: readonly Model[] = BASE_MODELS.filter((m) => !m.mla);
export const gpuById = (id: string) => GPUS.find((g) => g.id === id) as Gpu;

/** "3,350 GB/s" */
export const bwText = (g: Gpu) => `${int(g.bandwidthBytesPerS / 1e9)} GB/s`;
/** "989.4 TFLOP/s" */
export const tflopsText = (flopsPerS: number) => `${fixed(flopsPerS / 1e12, 1)} TFLOP/s`;

export const WEIGHT_PRECISIONS: readonly Precision[] = ['bf16', 'fp8', 'int8', 'int4'];

/** A model, GPU and precision whose weights take at most `share` of the card. */
export function fitting(
  rng: Random,
  opts: { models?: readonly Model[]; precisions?: readonly Precision[]; share?: number } = {},
): { model: Model; gpu: Gpu; precision: Precision } {
  const models = opts.models ?? POOL;
  const precisions = opts.precisions ?? WEIGHT_PRECISIONS;
  const share = opts.share ?? 0.9;
  for (;;) {
    const model = rng.pick(models);
    const gpu = rng.pick(GPUS);
    const precision = rng.pick(precisions);
    if (weightBytes(model, precision) <= share * gpu.memoryBytes) return { model, gpu, precision };
  }
}

/**
 * A made-up but valid decoder with a given cache geometry (and optional sliding window on every layer), read
 * through the engine's own config parser, so questions can range beyond the catalog.
 */
export function syntheticDecoder(g: { layers: number; kvHeads: number; headDim: number; window?: number }): Model {
  const heads = g.kvHeads * 8;
  return modelFromConfig(
    {
      model_type: g.window === undefined ? 'llama' : 'mistral',
      hidden_size: heads * g.headDim,
      intermediate_size: 4 * heads * g.headDim,
      num_hidden_layers: g.layers,
      num_attention_heads: heads,
      num_key_value_heads: g.kvHeads,
      head_dim: g.headDim,
      vocab_size: 32000,
      max_position_embeddings: 262144,
      sliding_window: g.window ?? null,
      torch_dtype: 'float16',
    },
    { id: 'question', name: 'question model' },
  );
}
