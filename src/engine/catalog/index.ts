import { InputError } from '../errors.ts';
import type { Gpu } from './gpu.ts';
import { GPUS } from './gpus.ts';
import type { Model } from './model.ts';
import { CATALOG_MODELS, MODELS } from './models.ts';

export { Gpu } from './gpu.ts';
export { GPUS } from './gpus.ts';
export { HfConfig } from './hf-config.ts';
export { HOST_LINKS, type HostLink } from './host-links.ts';
export { Mla, Model, Moe } from './model.ts';
export { BASE_MODELS, CATALOG_MODELS, type CatalogModel, MODELS } from './models.ts';
export { quantizationFromConfig } from './quant-config.ts';
export { modelFromConfig } from './read-config.ts';

/** A catalog model by id, or by its Hugging Face repository (case-insensitive). */
export function getModel(id: string): Model {
  const wanted = id.toLowerCase();
  const repo = CATALOG_MODELS.find((c) => c.hfRepo.toLowerCase() === wanted)?.id;
  const m = MODELS.find((x) => x.id === id || x.id === repo);
  if (!m)
    throw new InputError('model', [
      { field: 'model', message: `unknown id "${id}"; known: ${MODELS.map((x) => x.id).join(', ')}` },
    ]);
  return m;
}

/** A catalog GPU by id or by one of its aliases ("h100", "a100-80gb", "4090"). */
export function getGpu(id: string): Gpu {
  const wanted = id.toLowerCase();
  const g = GPUS.find((x) => x.id === wanted || x.aliases?.includes(wanted));
  if (!g)
    throw new InputError('gpu', [
      { field: 'gpu', message: `unknown id "${id}"; known: ${GPUS.map((x) => x.id).join(', ')}` },
    ]);
  return g;
}
