// Entry point of the bundled kit (bench.mjs). With Node ≥ 22.18 the sources also run directly: node src/bench.ts
import { cli } from './main.ts';

await cli();
