import { type Remote, wrap } from 'comlink';
import type { EngineApi } from './engine-api.ts';

let proxy: Remote<EngineApi> | undefined;

/** The page's one engine worker, started on first use so pages that never compute pay nothing. */
export function engine(): Remote<EngineApi> {
  proxy ??= wrap<EngineApi>(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }),
  );
  return proxy;
}
