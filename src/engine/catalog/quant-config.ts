import { z } from 'zod';
import { InputError, parseInput } from '../errors.ts';
import type { Quantization } from '../quantization.ts';

const Bits = z.union([z.literal(4), z.literal(8)], { error: 'must be 4 or 8 (other widths are not modelled)' });
const Patterns = z.array(z.string()).nullable().optional();

const Fp8 = z.looseObject({
  quant_method: z.literal('fp8'),
  fmt: z.string().optional(),
  weight_block_size: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable().optional(),
  modules_to_not_convert: Patterns,
  ignored_layers: Patterns,
});
const Awq = z.looseObject({
  quant_method: z.literal('awq'),
  bits: Bits,
  group_size: z.number().int(),
  zero_point: z.boolean().optional(),
  modules_to_not_convert: Patterns,
});
const Gptq = z.looseObject({
  quant_method: z.literal('gptq'),
  bits: Bits,
  group_size: z.number().int(),
  lm_head: z.boolean().optional(),
  modules_in_block_to_quantize: z
    .array(z.union([z.string(), z.array(z.string())]))
    .nullable()
    .optional(),
});
const Mxfp4 = z.looseObject({ quant_method: z.literal('mxfp4'), modules_to_not_convert: Patterns });
const CtWeights = z.looseObject({
  num_bits: Bits,
  type: z.enum(['int', 'float']),
  strategy: z.enum(['tensor', 'channel', 'group', 'block', 'tensor_group']),
  group_size: z.number().int().positive().nullable().optional(),
  block_structure: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable().optional(),
  symmetric: z.boolean().optional(),
});
const CompressedTensors = z.looseObject({
  quant_method: z.literal('compressed-tensors'),
  config_groups: z.record(z.string(), z.looseObject({ weights: CtWeights })),
  ignore: Patterns,
});

const SUPPORTED = ['fp8', 'awq', 'gptq', 'compressed-tensors', 'mxfp4'];

/**
 * Read `quantization_config` into the engine's Quantization. Scale dtypes follow each format's storage:
 * FP8 block scales are fp32 (`weight_scale_inv`), AWQ/GPTQ scales fp16, compressed-tensors scales the
 * model dtype (2 bytes), MXFP4 scales E8M0 (1 byte per 32 weights).
 */
export function quantizationFromConfig(raw: unknown): Quantization {
  const method = (raw as { quant_method?: unknown } | null)?.quant_method;
  if (typeof method !== 'string' || !SUPPORTED.includes(method)) {
    throw new InputError('config.json', [
      {
        field: 'quantization_config.quant_method',
        message: `${JSON.stringify(method)} is not supported; supported: ${SUPPORTED.join(', ')}`,
      },
    ]);
  }
  const what = 'config.json quantization_config';
  switch (method) {
    case 'fp8': {
      const c = parseInput(Fp8, raw, what);
      const block = c.weight_block_size ?? null;
      return {
        method,
        format: 'float',
        bits: 8,
        scaleGranularity: block ? 'block' : 'tensor',
        groupSize: null,
        blockSize: block,
        scaleBytes: 4,
        zeroPoints: false,
        groupIndex: false,
        ignore: [...(c.modules_to_not_convert ?? []), ...(c.ignored_layers ?? [])],
        only: null,
        covers: 'all-linear',
        lmHead: false,
      };
    }
    case 'awq': {
      const c = parseInput(Awq, raw, what);
      return {
        method,
        format: 'int',
        bits: c.bits,
        scaleGranularity: c.group_size > 0 ? 'group' : 'channel',
        groupSize: c.group_size > 0 ? c.group_size : null,
        blockSize: null,
        scaleBytes: 2,
        zeroPoints: c.zero_point ?? true,
        groupIndex: false,
        ignore: c.modules_to_not_convert ?? [],
        only: null,
        covers: 'all-linear',
        lmHead: false,
      };
    }
    case 'gptq': {
      const c = parseInput(Gptq, raw, what);
      const only = c.modules_in_block_to_quantize ? c.modules_in_block_to_quantize.flat() : null;
      return {
        method,
        format: 'int',
        bits: c.bits,
        scaleGranularity: c.group_size > 0 ? 'group' : 'channel',
        groupSize: c.group_size > 0 ? c.group_size : null,
        blockSize: null,
        scaleBytes: 2,
        // GPTQ checkpoints store qzeros and g_idx even for symmetric quantization.
        zeroPoints: true,
        groupIndex: true,
        ignore: [],
        only,
        covers: 'all-linear',
        lmHead: c.lm_head ?? false,
      };
    }
    case 'mxfp4': {
      const c = parseInput(Mxfp4, raw, what);
      return {
        method,
        format: 'mxfp4',
        bits: 4,
        scaleGranularity: 'group',
        groupSize: 32,
        blockSize: null,
        scaleBytes: 1,
        zeroPoints: false,
        groupIndex: false,
        ignore: c.modules_to_not_convert ?? [],
        only: null,
        covers: 'experts-only',
        lmHead: false,
      };
    }
    default: {
      const c = parseInput(CompressedTensors, raw, what);
      const groups = Object.values(c.config_groups);
      const first = groups[0];
      if (!first) {
        throw new InputError(what, [{ field: 'quantization_config.config_groups', message: 'has no groups' }]);
      }
      if (groups.some((g) => JSON.stringify(g.weights) !== JSON.stringify(first.weights))) {
        throw new InputError(what, [
          {
            field: 'quantization_config.config_groups',
            message: 'mixes weight schemes across groups; only one scheme per checkpoint is modelled',
          },
        ]);
      }
      const w = first.weights;
      const granularity = w.strategy === 'tensor_group' ? 'group' : w.strategy;
      return {
        method,
        format: w.type,
        bits: w.num_bits,
        scaleGranularity: granularity,
        groupSize: granularity === 'group' ? (w.group_size ?? null) : null,
        blockSize: granularity === 'block' ? (w.block_structure ?? null) : null,
        scaleBytes: 2,
        zeroPoints: w.symmetric === false,
        groupIndex: false,
        ignore: c.ignore ?? [],
        only: null,
        covers: 'all-linear',
        lmHead: false,
      };
    }
  }
}
