// The engine's public surface: pure functions and data, no DOM, no Node APIs, no I/O.

export * from './batching.ts';
export * from './capacity.ts';
export * from './catalog/index.ts';
export * from './cost.ts';
export * from './errors.ts';
export * from './inventory.ts';
export * from './memory.ts';
export * from './metrics.ts';
export * from './paged.ts';
export * from './parallel.ts';
export * from './params.ts';
export * from './parity.ts';
export * from './precision.ts';
export * from './prefill.ts';
export * from './quantization.ts';
export * from './random.ts';
export * from './results.ts';
export * from './roofline.ts';
export * from './speculative.ts';
export * from './training.ts';
export * from './units.ts';
export * from './weight-only-quant.ts';
export * from './weight-schemes.ts';
export * from './weights.ts';
