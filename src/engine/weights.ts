import type { Model } from './catalog/model.ts';
import { InputError } from './errors.ts';
import { groupParams, type WeightGroup, type WeightKind, weightInventory } from './inventory.ts';
import { paramCounts } from './params.ts';
import { bytesPerElement, type Precision } from './precision.ts';
import { moduleMatches, type Quantization, quantizedMatrixBytes, segmentMatch } from './quantization.ts';

/**
 * What `--weight-dtype fp8|int8|int4` means when it overrides a 16-bit checkpoint, matching what servers do on load:
 * FP8 with one fp32 scale per tensor (vLLM `--quantization fp8`), INT8 with an fp16 scale per output channel,
 * INT4 in 128-wide groups with fp16 scales and zero points (the AWQ layout).
 */
export function overrideQuantization(p: 'fp8' | 'int8' | 'int4'): Quantization {
  const base = {
    ignore: [] as string[],
    only: null,
    covers: 'all-linear' as const,
    lmHead: false,
    groupIndex: false,
    blockSize: null,
  };
  if (p === 'fp8') {
    return {
      ...base,
      method: 'override',
      format: 'float',
      bits: 8,
      scaleGranularity: 'tensor',
      groupSize: null,
      scaleBytes: 4,
      zeroPoints: false,
    };
  }
  if (p === 'int8') {
    return {
      ...base,
      method: 'override',
      format: 'int',
      bits: 8,
      scaleGranularity: 'channel',
      groupSize: null,
      scaleBytes: 2,
      zeroPoints: false,
    };
  }
  return {
    ...base,
    method: 'override',
    format: 'int',
    bits: 4,
    scaleGranularity: 'group',
    groupSize: 128,
    scaleBytes: 2,
    zeroPoints: true,
  };
}

/** Does a checkpoint's quantization scheme cover this tensor? Routers, norms, embeddings and the image encoder stay 16-bit. */
export function isQuantized(g: WeightGroup, q: Quantization | null | undefined): boolean {
  if (!q || !g.matrix || g.kind === 'router' || g.kind === 'vision') return false;
  if (g.kind === 'lmHead') return q.lmHead;
  if (q.covers === 'experts-only' && g.kind !== 'expert') return false;
  if (q.ignore.some((p) => moduleMatches(g.name, p))) return false;
  // GPTQ lists modules per block with expert numbers ("mlp.experts.0.up_proj"); the inventory writes experts as "*".
  if (q.only && !q.only.some((p) => segmentMatch(g.name, p.replace(/\.\d+\./g, '.*.')))) return false;
  return true;
}

export interface WeightMemoryOptions {
  /** Store every weight at this precision instead of what the checkpoint says (fp8/int8/int4 as overrideQuantization). */
  precision?: Precision | undefined;
  /** Tensor-parallel ranks; per-rank figures split matrices and keep norms, routers and latent projections whole. */
  tp?: number | undefined;
}

export interface WeightMemory {
  /** Bytes of the whole checkpoint as loaded. */
  totalBytes: number;
  /** Bytes one tensor-parallel rank holds. */
  perRankBytes: number;
  /** Quantized weight payload (without metadata). */
  quantizedBytes: number;
  /** Scales, zero points and group indices of quantized matrices. */
  metadataBytes: number;
  /** Tensors kept at the unquantized dtype: embeddings, norms, routers, the output head, ignored modules. */
  unquantizedBytes: number;
  byKind: Record<WeightKind, number>;
  /** Kinds of tensor left unquantized by the scheme (empty when nothing is quantized). */
  keptHighPrecision: WeightKind[];
  /** Format of unquantized tensors. */
  dtype: Precision;
  quantization: Quantization | null;
}

/** Share of a tensor group one rank holds under tensor parallelism (KV projections are replicated past kvHeads ranks). */
function rankShare(g: WeightGroup, m: Model, tp: number): number {
  if (g.tp === 'replicate') return 1;
  if (g.tp === 'kv') return Math.max(1 / tp, 1 / m.kvHeads);
  return 1 / tp;
}

/** Check that a tensor-parallel degree divides the model the way servers require (heads, then KV heads). */
export function checkTensorParallel(m: Model, tp: number): void {
  const issue = (message: string) => {
    throw new InputError('tensor parallelism', [{ field: 'tp', message }]);
  };
  if (!Number.isInteger(tp) || tp < 1) issue(`must be a whole number of at least 1 (got ${tp})`);
  if (m.heads % tp !== 0) issue(`${tp} does not divide num_attention_heads (${m.heads})`);
  if (!m.mla && m.kvHeads % tp !== 0 && tp % m.kvHeads !== 0) {
    issue(`${tp} neither divides nor is a multiple of num_key_value_heads (${m.kvHeads})`);
  }
}

/**
 * Weight bytes as a server loads them: quantized matrices with their scales and zero points, everything else at the
 * checkpoint dtype; and what one tensor-parallel rank holds.
 */
export function weightMemory(m: Model, opts: WeightMemoryOptions = {}): WeightMemory {
  const tp = opts.tp ?? 1;
  checkTensorParallel(m, tp);
  let dtype: Precision = m.dtype;
  let q: Quantization | null = m.quantization ?? null;
  const p = opts.precision;
  if (p === 'fp8' || p === 'int8' || p === 'int4') q = overrideQuantization(p);
  else if (p) {
    dtype = p;
    q = null;
  }
  const elementBytes = bytesPerElement(dtype);
  const byKind = {} as Record<WeightKind, number>;
  const kept = new Set<WeightKind>();
  let total = 0;
  let perRank = 0;
  let quantized = 0;
  let metadata = 0;
  let plain = 0;
  for (const g of weightInventory(m)) {
    let bytes: number;
    if (isQuantized(g, q) && q) {
      bytes = quantizedMatrixBytes(g.rows, g.cols, g.count, q);
      const payload = (groupParams(g) * q.bits) / 8;
      quantized += payload;
      metadata += bytes - payload;
    } else {
      bytes = groupParams(g) * elementBytes;
      plain += bytes;
      if (q && g.matrix) kept.add(g.kind);
    }
    byKind[g.kind] = (byKind[g.kind] ?? 0) + bytes;
    total += bytes;
    perRank += bytes * rankShare(g, m, tp);
  }
  if (q) for (const k of ['embedding', 'norm'] as const) if (byKind[k]) kept.add(k);
  return {
    totalBytes: total,
    perRankBytes: perRank,
    quantizedBytes: quantized,
    metadataBytes: metadata,
    unquantizedBytes: plain,
    byKind,
    keptHighPrecision: [...kept],
    dtype,
    quantization: q,
  };
}

/** The precision a checkpoint's bulk weights are in: its quantization when it has one, else its dtype. */
export function checkpointPrecision(m: Model): string {
  const q = m.quantization;
  if (!q) return m.dtype;
  if (q.format === 'mxfp4') return 'mxfp4 (experts)';
  return `${q.format === 'float' ? 'fp' : 'int'}${q.bits} (${q.method})`;
}

/**
 * The single precision that best describes a checkpoint's bulk weights, for per-element formulas (decode step,
 * prefill): 4-bit schemes (AWQ, GPTQ, MXFP4) read as int4, FP8 as fp8, INT8 as int8, otherwise the dtype.
 */
export function bulkWeightPrecision(m: Model): Precision {
  const q = m.quantization;
  if (!q) return m.dtype;
  if (q.bits === 4) return 'int4';
  return q.format === 'float' ? 'fp8' : 'int8';
}

/**
 * Weight bytes a decode step reads when the linear layers are stored at `bitsPerWeight` effective bits (scales and
 * zero points included) and the embedding table and output head stay in BF16, as quantized checkpoints keep them.
 * Dense models only: for MoE the share of experts a batch touches would also enter.
 */
export function weightBytesAtBits(m: Model, bitsPerWeight: number): number {
  if (!(bitsPerWeight > 0 && bitsPerWeight <= 32))
    throw new RangeError(`bits per weight must be within (0, 32] (got ${bitsPerWeight})`);
  const c = paramCounts(m);
  return (c.total - c.embedding) * (bitsPerWeight / 8) + c.embedding * bytesPerElement('bf16');
}
