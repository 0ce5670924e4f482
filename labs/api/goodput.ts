// What lab code may import from 'goodput': a curated slice of the engine. Each lab's manifest (`imports`) names the
// part it allows; the browser runner and the Node checker both resolve 'goodput' to this file, and Monaco gets the
// types of exactly that part.
export { mean, percentile } from '../../src/engine/metrics.ts';
