import { InputError } from '../errors.ts';
import type { Gpu } from './gpu.ts';
import { GPUS } from './gpus.ts';
import type { Model } from './model.ts';
import { MODELS } from './models.ts';

export { Gpu } from './gpu.ts';
export { GPUS } from './gpus.ts';
export { HfConfig } from './hf-config.ts';
export { Mla, Model, Moe } from './model.ts';
export { CATALOG_MODELS, type CatalogModel, MODELS } from './models.ts';
export { quantizationFromConfig } from './quant-config.ts';
export { modelFromConfig } from './read-config.ts';

export function getModel(id: string): Model {
  const m = MODELS.find((x) => x.id === id);
  if (!m)
    throw new InputError('model', [
      { field: 'model', message: `unknown id "${id}"; known: ${MODELS.map((x) => x.id).join(', ')}` },
    ]);
  return m;
}

export function getGpu(id: string): Gpu {
  const g = GPUS.find((x) => x.id === id);
  if (!g)
    throw new InputError('gpu', [
      { field: 'gpu', message: `unknown id "${id}"; known: ${GPUS.map((x) => x.id).join(', ')}` },
    ]);
  return g;
}
