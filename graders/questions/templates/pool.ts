// The models and GPUs templates draw from, listed by id so that catalog additions never change the questions an
// existing exam seed produces (certificates are re-graded by regenerating them).
import type { Gpu } from '../../../src/engine/catalog/gpu.ts';
import { getGpu, getModel } from '../../../src/engine/catalog/index.ts';
import type { Model } from '../../../src/engine/catalog/model.ts';
import { fixed, int } from '../../../src/engine/units.ts';

export const DENSE_IDS = [
  'llama-3.1-8b',
  'llama-3.3-70b',
  'qwen3-4b',
  'qwen3-8b',
  'qwen2.5-7b',
  'mistral-7b-v0.1',
] as const;
export const MOE_IDS = ['mixtral-8x7b'] as const;
export const GPU_IDS = ['h100-sxm', 'h100-pcie', 'h200', 'a100-sxm-80gb', 'l40s', 'rtx-4090', 'b200'] as const;
/** Data-centre cards, where serving questions (big batches, long contexts) are realistic. */
export const SERVER_GPU_IDS = ['h100-sxm', 'h100-pcie', 'h200', 'a100-sxm-80gb', 'l40s', 'b200'] as const;

export const model = (id: string): Model => getModel(id);
export const gpu = (id: string): Gpu => getGpu(id);

/** "an H100 SXM 80GB", "a B200": the article follows how the name is spoken. */
export function withArticle(name: string): string {
  return `${/^[AEFHILMNORSX]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** "an H100 SXM 80GB (3,350 GB/s)" */
export function gpuWithBandwidth(g: Gpu): string {
  return `${withArticle(g.name)} (${int(g.bandwidthBytesPerS / 1e9)} GB/s)`;
}

/** Billions with two decimals: "70.55 B". */
export const billions = (n: number) => `${fixed(n / 1e9, 2)} B`;

/** "8,192" or "32K" for round powers of two, as people say context lengths. */
export function tokens(n: number): string {
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024}K (${int(n)})` : int(n);
}
