// The controls each explorer shows, as data: the build-time markup and the browser script both read this list,
// so a field's name, label and limits are written once.
import type { ExplorerKind } from './series.ts';

export type Field =
  | { name: string; label: string; type: 'model' | 'gpu' | 'precision' }
  | { name: string; label: string; type: 'int'; min: number; max: number; step?: number };

const MODEL: Field = { name: 'model', label: 'Model', type: 'model' };
const GPU: Field = { name: 'gpu', label: 'GPU', type: 'gpu' };
const PRECISION: Field = { name: 'weightPrecision', label: 'Weight precision', type: 'precision' };

export const FIELDS: Record<ExplorerKind, Field[]> = {
  roofline: [
    MODEL,
    GPU,
    PRECISION,
    { name: 'batch', label: 'Decode batch size', type: 'int', min: 1, max: 4096 },
    { name: 'prompt', label: 'Prompt length (tokens)', type: 'int', min: 1, max: 131072 },
  ],
  traffic: [
    MODEL,
    GPU,
    PRECISION,
    { name: 'batch', label: 'Batch size', type: 'int', min: 1, max: 1024 },
    { name: 'maxContext', label: 'Longest context shown (tokens)', type: 'int', min: 256, max: 1048576, step: 256 },
  ],
  batching: [
    MODEL,
    GPU,
    PRECISION,
    { name: 'context', label: 'Context per sequence (tokens)', type: 'int', min: 0, max: 1048576 },
  ],
  latency: [
    { name: 'ttftSloMs', label: 'TTFT SLO (ms)', type: 'int', min: 1, max: 60000 },
    { name: 'tpotSloMs', label: 'TPOT SLO (ms)', type: 'int', min: 1, max: 10000 },
    { name: 'stuckPercent', label: 'Requests stuck behind a long prompt (%)', type: 'int', min: 0, max: 50 },
  ],
};
