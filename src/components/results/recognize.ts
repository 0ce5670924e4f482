// Which catalog GPU and model a result line was measured on, read from the names a kit recorded
// (nvidia-smi's GPU name, the model id the server served). Null when the catalog has no match.

import type { Gpu } from '../../engine/catalog/gpu.ts';
import { GPUS } from '../../engine/catalog/gpus.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import type { Model } from '../../engine/catalog/model.ts';
import type { Precision } from '../../engine/precision.ts';

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\(simulated\)/g, '')
    .replace(/\b(nvidia|geforce)\b/g, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');

function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** "NVIDIA H100 80GB HBM3" → h100-sxm; "NVIDIA GeForce RTX 4090" → rtx-4090; "H100 SXM 80GB (simulated)" too. */
export function recognizeGpu(name: string | null): Gpu | null {
  if (!name) return null;
  const s = slug(name);
  const direct = attempt(() => getGpu(s));
  if (direct) return direct;
  const byName = GPUS.find((g) => slug(g.name) === s);
  if (byName) return byName;
  // Otherwise the longest id or alias that appears whole in the name ("a100-sxm4-80gb-xyz" → a100-sxm-80gb).
  let best: { gpu: Gpu; len: number } | null = null;
  for (const g of GPUS)
    for (const key of [g.id, ...(g.aliases ?? [])])
      if (new RegExp(`(^|-)${key}(-|$)`).test(s) && key.length > (best?.len ?? 0)) best = { gpu: g, len: key.length };
  return best?.gpu ?? null;
}

const QUANT_SUFFIX =
  /-(awq|gptq(-int[48])?|fp8(-dynamic)?|int[48]|w4a16|w8a8|bnb-4bit|4bit|8bit|q[2-8](_k(_[msl])?)?|gguf|instruct|chat|it)$/;

/** A served model id ("Qwen/Qwen3-4B-AWQ", "qwen3:4b", "qwen3-4b") → the catalog model whose shape it has. */
export function recognizeModel(served: string | null): Model | null {
  if (!served) return null;
  const exact = attempt(() => getModel(served));
  if (exact) return exact;
  let s = slug(served.split('/').pop() ?? served);
  for (;;) {
    const m = attempt(() => getModel(s));
    if (m) return m;
    const next = s.replace(QUANT_SUFFIX, '');
    if (next === s) return null;
    s = next;
  }
}

/** The weight format a served model's name announces; BF16 when it names none. */
export function precisionFromName(served: string | null): Precision {
  const s = (served ?? '').toLowerCase();
  if (/awq|gptq|int4|w4a16|4bit|q4/.test(s)) return 'int4';
  if (/fp8/.test(s)) return 'fp8';
  if (/int8|w8a8|8bit|q8/.test(s)) return 'int8';
  return 'bf16';
}
