// The serving simulator in its own worker: a long run never delays the calculators' engine worker.
import { expose } from 'comlink';
import { simApi } from './sim-api.ts';

expose(simApi);
