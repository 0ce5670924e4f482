// What lab code may import from 'goodput': a curated slice of the engine. Each lab's manifest (`imports`) names the
// part it allows; the browser runner and the Node checker both resolve 'goodput' to this file, and Monaco gets the
// types of exactly that part.
export { mean, percentile } from '../../src/engine/metrics.ts';
export type { KvAllocator, KvAllocatorOptions } from '../../src/engine/sim/kv-allocator.ts';
export type { Scheduler, StepContext, WaitingQueue } from '../../src/engine/sim/scheduler.ts';
export type { Seq, SeqState } from '../../src/engine/sim/seq.ts';
