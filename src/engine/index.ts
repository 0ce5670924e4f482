// The engine's public surface: pure functions and data, no DOM, no Node APIs, no I/O.
export * from './catalog/index.ts';
export * from './errors.ts';
export * from './memory.ts';
export * from './metrics.ts';
export * from './params.ts';
export * from './precision.ts';
export * from './results.ts';
export * from './roofline.ts';
export * from './units.ts';
