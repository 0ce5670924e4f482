// Self-check for "Layers L0–L6": the arithmetic behind fixing memory pressure at the gateway (L5) and prefill
// growth at the client (L6).
import type { Model } from '../../../src/engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../../src/engine/memory.ts';
import { formatBytes, GiB, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { DENSE_FULL_KV } from './model-pools.ts';

const FULL_ATTENTION = DENSE_FULL_KV;
const byId = (id: string) => FULL_ATTENTION.find((m) => m.id === id) as Model;

interface CapParams {
  modelId: string;
  cap: number;
}

export const contextCapKv: NumericTemplate<CapParams> = {
  id: 'stack/context-cap-kv',
  topic: 'kv-sizing',
  title: 'KV pinned by one request at the gateway cap',
  spec: { quantity: 'bytes', unit: 'GB', tolerance: 0.02 },
  generate(rng) {
    const model = rng.pick(FULL_ATTENTION);
    const caps = [4096, 8192, 16384, 32768, 65536].filter((c) => c <= model.maxContext);
    return { modelId: model.id, cap: rng.pick(caps) };
  },
  text(p) {
    const m = byId(p.modelId);
    return `The gateway (L5) caps input at ${int(p.cap)} tokens. The backend serves ${m.name} (${m.layers} layers, ${m.kvHeads} KV heads of ${m.headDim} dimensions) with a BF16 KV cache. How much KV cache does one request at the cap pin? Answer in GB or GiB, with the unit. (±2%)`;
  },
  solve(p) {
    const m = byId(p.modelId);
    const per = kvBytesPerToken(m);
    const value = kvBytesForContext(m, p.cap);
    return {
      value,
      steps: [
        `KV per token = 2 (K and V) × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} × 2 B = ${int(per)} B.`,
        `At the cap: ${int(p.cap)} tokens × ${int(per)} B = ${int(value)} B.`,
        `That is ${formatBytes(value, 'GB')} (${formatBytes(value, 'GiB')}).`,
      ],
    };
  },
};

interface ConcurrencyParams {
  modelId: string;
  poolGiB: number;
  concurrent: number;
}

export const capForConcurrency: NumericTemplate<ConcurrencyParams> = {
  id: 'stack/cap-for-concurrency',
  topic: 'concurrency',
  title: 'The largest gateway cap that keeps N requests in memory',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    const model = rng.pick(FULL_ATTENTION);
    return { modelId: model.id, poolGiB: rng.pick([8, 12, 20, 32, 48, 60]), concurrent: rng.pick([8, 16, 32, 64]) };
  },
  text(p) {
    const m = byId(p.modelId);
    return `A replica of ${m.name} (BF16 KV cache) has ${p.poolGiB} GiB of KV pool. The platform team wants ${p.concurrent} requests at the gateway's context cap to fit side by side. What is the largest cap, in tokens per request? Ignore block rounding. (number only, ±2%)`;
  },
  solve(p) {
    const m = byId(p.modelId);
    const per = kvBytesPerToken(m);
    const pool = p.poolGiB * GiB;
    const value = Math.floor(pool / (p.concurrent * per));
    return {
      value,
      steps: [
        `KV per token = ${int(per)} B, so the pool holds ${p.poolGiB} × 2³⁰ B ÷ ${int(per)} B = ${int(pool / per)} tokens.`,
        `Shared by ${p.concurrent} requests: ${int(pool / per)} ÷ ${p.concurrent} = ${int(value)} tokens each.`,
        'The cap is policy, so it belongs at the gateway (L5); the pool size belongs to the backend (L3).',
      ],
    };
  },
};

interface StatelessParams {
  system: number;
  perTurn: number;
  turns: number;
}

export const statelessPrefill: NumericTemplate<StatelessParams> = {
  id: 'stack/stateless-prefill',
  topic: 'layers',
  title: 'Prefill tokens a stateless client causes',
  spec: { quantity: 'plain', unit: '', tolerance: 0.01 },
  generate(rng) {
    return {
      system: rng.pick([0, 200, 500, 1000, 2000]),
      perTurn: rng.pick([100, 150, 250, 400, 600]),
      turns: rng.int(4, 20),
    };
  },
  text(p) {
    return `A chat client (L6) resends the whole conversation every turn: a ${int(p.system)}-token system prompt plus every earlier turn, and each turn adds ${int(p.perTurn)} tokens (question and answer together). With no prefix caching, how many prompt tokens does the backend prefill over ${p.turns} turns in total? (number only, ±1%)`;
  },
  solve(p) {
    let value = 0;
    for (let t = 1; t <= p.turns; t++) value += p.system + t * p.perTurn;
    const stateful = p.system + p.turns * p.perTurn;
    return {
      value,
      steps: [
        `Turn t prefills the system prompt plus t turns: ${int(p.system)} + t × ${int(p.perTurn)} tokens.`,
        `Summed over ${p.turns} turns: ${p.turns} × ${int(p.system)} + ${int(p.perTurn)} × ${p.turns}·${p.turns + 1}/2 = ${int(value)} tokens.`,
        `A client that sends only the new turn (or a prefix-cache hit every turn) prefills ${int(stateful)} tokens: ${(value / stateful).toFixed(1)}× less.`,
      ],
    };
  },
};

export const LAYERS_TEMPLATES = [contextCapKv, capForConcurrency, statelessPrefill];
