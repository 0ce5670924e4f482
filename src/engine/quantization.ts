import { z } from 'zod';

/**
 * How a checkpoint stores its quantized matrices, read from `quantization_config`. One scheme per checkpoint;
 * `ignore` lists the modules it leaves in 16-bit (patterns in the checkpoint's own dialect, see moduleMatches).
 */
export const Quantization = z.object({
  /** quant_method as the config names it: fp8, awq, gptq, compressed-tensors, mxfp4, or "override" for a flag. */
  method: z.string().min(1),
  /** Element format of a quantized weight. */
  format: z.enum(['int', 'float', 'mxfp4']),
  bits: z.union([z.literal(4), z.literal(8)]),
  /** How scales are laid out: one per group of input elements, per output channel, per tensor, or per 2-D block. */
  scaleGranularity: z.enum(['group', 'channel', 'tensor', 'block']),
  /** Input elements per scale for group quantization (AWQ/GPTQ g128) and MXFP4 (32). */
  groupSize: z.number().int().positive().nullable(),
  /** [rows, cols] of one scale block (DeepSeek-style FP8: [128, 128]). */
  blockSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable(),
  /** Bytes per stored scale: fp32 for FP8 block scales, fp16/bf16 for AWQ/GPTQ, 1 (E8M0) for MXFP4. */
  scaleBytes: z.number().positive(),
  /** Zero points stored beside the scales (AWQ zero_point, GPTQ always stores qzeros, asymmetric compressed-tensors). */
  zeroPoints: z.boolean(),
  /** GPTQ keeps a 32-bit group index per input row (g_idx). */
  groupIndex: z.boolean(),
  /** Module-name patterns left unquantized (modules_to_not_convert, ignore, ignored_layers). */
  ignore: z.array(z.string()),
  /** When present, only modules matching one of these are quantized (GPTQ modules_in_block_to_quantize). */
  only: z.array(z.string()).nullable(),
  /** Which kinds of matrices the scheme covers; gpt-oss's MXFP4 covers only the experts. */
  covers: z.enum(['all-linear', 'experts-only']),
  /** Whether the output head is quantized (GPTQ lm_head flag); almost always false. */
  lmHead: z.boolean(),
});
export type Quantization = z.infer<typeof Quantization>;

/**
 * Does a module name match a pattern from a quantization config? Three dialects exist in the wild:
 * "re:<regex>" (compressed-tensors, anchored at the start), globs with "*" (gpt-oss: "model.layers.*.self_attn",
 * matching a prefix at a dot boundary) and plain names (transformers' AWQ/FP8 `modules_to_not_convert`), which match
 * whole path segments as transformers' `should_convert_module` does.
 */
export function moduleMatches(name: string, pattern: string): boolean {
  if (pattern.startsWith('re:')) {
    try {
      return new RegExp(`^(?:${pattern.slice(3)})`).test(name);
    } catch {
      return false;
    }
  }
  if (pattern.includes('*')) {
    const body = pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]+');
    return new RegExp(`^${body}(?:\\.|$)`).test(name);
  }
  return segmentMatch(name, pattern);
}

/** `pattern` names the module or a run of whole path segments inside it ("gate" matches "mlp.gate", not "gate_proj"). */
export function segmentMatch(name: string, pattern: string): boolean {
  const p = pattern.replace(/^\.+|\.+$/g, '');
  if (p === '') return false;
  const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|\\.)${escaped}(?:\\.|$)`).test(name);
}

/**
 * Stored bytes of `count` quantized matrices of `rows` (output features) × `cols` (input features), including
 * scales, zero points and group indices. Groups run along the input dimension, as in AWQ, GPTQ and MXFP4.
 */
export function quantizedMatrixBytes(rows: number, cols: number, count: number, q: Quantization): number {
  const elements = rows * cols;
  let bytes = (elements * q.bits) / 8;
  let scales: number;
  switch (q.scaleGranularity) {
    case 'group': {
      const g = q.groupSize ?? cols;
      scales = rows * Math.ceil(cols / g);
      break;
    }
    case 'block': {
      const [br, bc] = q.blockSize ?? [rows, cols];
      scales = Math.ceil(rows / br) * Math.ceil(cols / bc);
      break;
    }
    case 'channel':
      scales = rows;
      break;
    case 'tensor':
      scales = 1;
      break;
  }
  bytes += scales * q.scaleBytes;
  if (q.zeroPoints) bytes += (scales * q.bits) / 8;
  if (q.groupIndex) bytes += cols * 4;
  return bytes * count;
}

/** Average bits per weight of a scheme for a large matrix (4-bit g128 with fp16 scales and zeros ≈ 4.16). */
export function effectiveBitsPerWeight(q: Quantization, rows = 4096, cols = 4096): number {
  return (quantizedMatrixBytes(rows, cols, 1, q) * 8) / (rows * cols);
}
