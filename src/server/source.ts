// Chooses the timing source the practice server runs on.
import type { Gpu } from '../engine/catalog/gpu.ts';
import type { Model } from '../engine/catalog/model.ts';
import type { Precision } from '../engine/precision.ts';
import { RooflineSource } from './roofline-source.ts';
import type { TimingSource } from './timing-source.ts';

export interface SourceOptions {
  model: Model;
  gpu: Gpu;
  weightPrecision: Precision;
  maxBatch: number;
  maxBatchedTokens: number;
  efficiency: number;
}

export function createTimingSource(o: SourceOptions): TimingSource {
  return new RooflineSource(o);
}
