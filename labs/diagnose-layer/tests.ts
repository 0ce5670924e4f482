// Hidden tests for lab 12: snapshots of a deployment generated for every run, each healthy but for one injected
// fault whose owning layer and fix are known by construction. Decode figures come from the engine's roofline (bytes
// per step, peak bandwidth, the 70–85% band production kernels reach) and start-up figures from its vLLM capacity
// model, so the learner must do the arithmetic, not read a label.
import { expectClose, fail, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { vllmCapacity } from '../../src/engine/capacity.ts';
import { GPUS, MODELS } from '../../src/engine/catalog/index.ts';
import type { Random } from '../../src/engine/random.ts';
import { decodeStep, TYPICAL_BANDWIDTH_EFFICIENCY } from '../../src/engine/roofline.ts';

type Mod = Record<string, unknown>;
type LayerId = 'L6' | 'L5' | 'L4a' | 'L4b' | 'L3' | 'L2' | 'L1' | 'L0';
type Fix =
  | 'trim-history'
  | 'cap-tenant-context'
  | 'route-on-load'
  | 'raise-batch-cap'
  | 'chunked-prefill'
  | 'fit-max-model-len'
  | 'fix-backend'
  | 'pin-image'
  | 'upgrade-driver'
  | 'more-bandwidth';

interface Replica {
  name: string;
  waiting: number;
  running: number;
  maxNumSeqs: number;
  kvUsage: number;
  preemptionsPerMin: number;
  up: boolean;
}
interface Observations {
  replicas: Replica[];
  decode: { stepMs: number; bytesPerStep: number; bandwidthBytesPerS: number; targetStepMs: number };
  itl: { p50Ms: number; p99Ms: number; spikesNearLongPrompts: number };
  tenants: { name: string; shareOfPromptTokens: number; p95PromptTokens: number }[];
  startup: { ok: boolean; kvCacheTokens: number | null; maxModelLen: number };
  nodes: { name: string; imageDigest: string; healthy: boolean }[];
  container: { starts: boolean; hostDriver: number; minDriverForImage: number };
  conversation: { promptTokensByTurn: number[] };
}

const between = (rng: Random, lo: number, hi: number) => lo + rng.next() * (hi - lo);
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const digest = (rng: Random) => `sha256:${Array.from({ length: 12 }, () => rng.int(0, 15).toString(16)).join('')}`;
const { low: EFF_LOW, high: EFF_HIGH } = TYPICAL_BANDWIDTH_EFFICIENCY;

// 16-bit checkpoints that fit one catalog GPU, so the decode and start-up figures describe a real single-card server.
const MODELS_16 = MODELS.filter((m) => !m.quantization && m.layerWindows.every((w) => w === null));

/** A model on a card it fits, the engine's batch-1 decode step, and a healthy start-up. */
function server(rng: Random) {
  for (;;) {
    const model = rng.pick(MODELS_16);
    const gpu = rng.pick(GPUS);
    const context = rng.int(256, 8192);
    const step = decodeStep(model, gpu, { weightPrecision: 'bf16', batch: 1, context });
    if (!step.weightsFit) continue;
    const maxModelLen = Math.min(model.maxContext, rng.pick([4096, 8192, 16_384]));
    const cap = vllmCapacity(model, gpu, { maxModelLen });
    if (!cap.willStart) continue;
    return { model, gpu, step, cap };
  }
}

/** A deployment where everything is within its normal range. */
function healthy(rng: Random): { o: Observations; s: ReturnType<typeof server> } {
  const s = server(rng);
  const maxNumSeqs = rng.pick([64, 128, 256, 512]);
  const replicas = Array.from({ length: rng.int(2, 4) }, (_, i) => ({
    name: `replica-${i + 1}`,
    waiting: rng.int(0, 3),
    running: Math.round(maxNumSeqs * between(rng, 0.25, 0.7)),
    maxNumSeqs,
    kvUsage: round(between(rng, 0.25, 0.7)),
    preemptionsPerMin: round(between(rng, 0, 0.4)),
    up: true,
  }));
  const ceilingMs = s.step.memoryTimeS * 1000;
  const stepMs = ceilingMs / between(rng, EFF_LOW, EFF_HIGH);
  const p50 = between(rng, 8, 40);
  const tenants = Array.from({ length: rng.int(2, 5) }, (_, i) => ({
    name: `tenant-${String.fromCharCode(97 + i)}`,
    shareOfPromptTokens: rng.next() + 0.5,
    p95PromptTokens: rng.int(400, 4000),
  }));
  const sum = tenants.reduce((a, t) => a + t.shareOfPromptTokens, 0);
  for (const t of tenants) t.shareOfPromptTokens = round(t.shareOfPromptTokens / sum, 3);
  const image = digest(rng);
  const driver = rng.pick([525, 535, 550, 560, 570]);
  // A trimmed conversation: prompt sizes wander from turn to turn instead of climbing.
  const turns = Array.from({ length: rng.int(4, 9) }, () => rng.int(200, 900));
  const at = rng.int(1, turns.length - 1);
  if ((turns[at] as number) > (turns[at - 1] as number))
    [turns[at], turns[at - 1]] = [turns[at - 1] as number, turns[at] as number];
  return {
    s,
    o: {
      replicas,
      decode: {
        stepMs: round(stepMs, 3),
        bytesPerStep: s.step.bytesPerStep,
        bandwidthBytesPerS: s.gpu.bandwidthBytesPerS,
        targetStepMs: round(stepMs * between(rng, 1.1, 2), 3),
      },
      itl: {
        p50Ms: round(p50),
        p99Ms: round(p50 * between(rng, 1.5, 3)),
        spikesNearLongPrompts: round(rng.next() * 0.3),
      },
      tenants,
      startup: { ok: true, kvCacheTokens: s.cap.kvTokens, maxModelLen: s.cap.maxModelLen },
      nodes: Array.from({ length: rng.int(2, 4) }, (_, i) => ({
        name: `gpu-node-${i + 1}`,
        imageDigest: image,
        healthy: true,
      })),
      container: { starts: true, hostDriver: driver, minDriverForImage: driver - rng.pick([0, 10, 25]) },
      conversation: { promptTokensByTurn: turns },
    },
  };
}

interface Fault {
  id: string;
  title: string;
  layer: LayerId;
  fix: Fix;
  /** Why that layer has the authority, said to a learner who picked another. */
  why(o: Observations): string;
  inject(o: Observations, rng: Random, s: ReturnType<typeof server>): void;
}

const FAULTS: readonly Fault[] = [
  {
    id: 'driver-too-old',
    title: 'a container that will not start on this host',
    layer: 'L1',
    fix: 'upgrade-driver',
    why: (o) =>
      `The host driver (${o.container.hostDriver}) is older than the ${o.container.minDriverForImage} the image's CUDA needs, so nothing above it can run: the driver layer (L1) decides which CUDA versions a host can serve.`,
    inject(o, rng) {
      o.container.minDriverForImage = o.container.hostDriver + rng.pick([5, 15, 30]);
      o.container.starts = false;
      o.startup = { ok: false, kvCacheTokens: null, maxModelLen: o.startup.maxModelLen };
      for (const r of o.replicas)
        Object.assign(r, { up: false, waiting: 0, running: 0, kvUsage: 0, preemptionsPerMin: 0 });
    },
  },
  {
    id: 'node-drift',
    title: 'one node running a different image',
    layer: 'L2',
    fix: 'pin-image',
    why: (o) =>
      `Node ${o.nodes.find((n) => !n.healthy)?.name} runs image ${o.nodes.find((n) => !n.healthy)?.imageDigest}, unlike the others: the nodes are not running the same software, and the image is the runtime-and-packaging layer's (L2) to pin.`,
    inject(o, rng) {
      const bad = rng.pick(o.nodes);
      bad.imageDigest = digest(rng);
      bad.healthy = false;
    },
  },
  {
    id: 'engine-refuses-to-start',
    title: 'an engine that refuses to start',
    layer: 'L3',
    fix: 'fit-max-model-len',
    why: (o) =>
      `The start-up log says the KV cache holds ${o.startup.kvCacheTokens} tokens but max_model_len is ${o.startup.maxModelLen}: the backend (L3) sizes its pool from the memory left after the weights, and only its own settings change that arithmetic.`,
    inject(o, rng, s) {
      let { model, gpu } = s;
      for (;;) {
        const maxModelLen = rng.pick([32_768, 65_536, 131_072, 262_144]);
        const cap = vllmCapacity(model, gpu, { maxModelLen, gpuMemoryUtilization: rng.pick([0.5, 0.6, 0.7, 0.9]) });
        if (cap.blocks > 0 && cap.kvTokens < maxModelLen) {
          o.startup = { ok: false, kvCacheTokens: cap.kvTokens, maxModelLen };
          break;
        }
        // This card has room even for the longest context tried: try another model and card.
        ({ model, gpu } = server(rng));
      }
      for (const r of o.replicas)
        Object.assign(r, { up: false, waiting: 0, running: 0, kvUsage: 0, preemptionsPerMin: 0 });
    },
  },
  {
    id: 'hot-replica',
    title: 'one replica queueing while another idles',
    layer: 'L4a',
    fix: 'route-on-load',
    why: (o) => {
      const hot = o.replicas.reduce((a, b) => (b.waiting > a.waiting ? b : a));
      const cold = o.replicas.find((r) => r.waiting === 0 && r.running < 0.1 * r.maxNumSeqs);
      return `${hot.name} has ${hot.waiting} waiting while ${cold?.name} runs ${cold?.running} with nothing queued: both engines are healthy, and where requests go is the router's decision (L4a). A bigger batch cap on ${hot.name} would only slow its streams.`;
    },
    inject(o, rng) {
      const [hot, cold] = [o.replicas[0] as Replica, o.replicas[1] as Replica];
      hot.waiting = rng.int(20, 90);
      hot.running = hot.maxNumSeqs;
      hot.kvUsage = round(between(rng, 0.5, 0.8));
      cold.waiting = 0;
      cold.running = rng.int(0, Math.floor(cold.maxNumSeqs * 0.05));
      cold.kvUsage = round(between(rng, 0, 0.1));
    },
  },
  {
    id: 'batch-cap',
    title: 'queues everywhere, batch pinned at its cap, KV half empty',
    layer: 'L4b',
    fix: 'raise-batch-cap',
    why: (o) =>
      `Every replica has a queue while its running batch sits at max_num_seqs (${o.replicas[0]?.maxNumSeqs}) and KV usage stays low: the scheduler (L4b) caps the batch below what memory allows.`,
    inject(o, rng) {
      const cap = rng.pick([8, 16, 24, 32, 48]);
      for (const r of o.replicas)
        Object.assign(r, {
          maxNumSeqs: cap,
          running: cap,
          waiting: rng.int(15, 70),
          kvUsage: round(between(rng, 0.1, 0.45)),
          preemptionsPerMin: 0,
        });
    },
  },
  {
    id: 'tenant-long-prompts',
    title: 'a full KV pool and preemptions, driven by one tenant',
    layer: 'L5',
    fix: 'cap-tenant-context',
    why: (o) => {
      const t = o.tenants.reduce((a, b) => (b.shareOfPromptTokens > a.shareOfPromptTokens ? b : a));
      return `The KV pool is full and preemptions are climbing while ${t.name} sends ${Math.round(t.shareOfPromptTokens * 100)}% of all prompt tokens, with prompts up to ${t.p95PromptTokens} tokens: the backend serves what it is admitted, and how much one caller may claim is policy at the gateway (L5).`;
    },
    inject(o, rng) {
      const heavy = rng.pick(o.tenants);
      const share = between(rng, 0.6, 0.9);
      for (const t of o.tenants)
        t.shareOfPromptTokens = round(t === heavy ? share : (1 - share) / (o.tenants.length - 1), 3);
      heavy.p95PromptTokens = rng.int(20_000, 120_000);
      for (const r of o.replicas)
        Object.assign(r, {
          kvUsage: round(between(rng, 0.95, 1)),
          preemptionsPerMin: round(between(rng, 4, 80)),
          waiting: rng.int(0, 8),
        });
    },
  },
  {
    id: 'itl-spikes-on-long-prompt',
    title: 'streams stuttering when long prompts arrive',
    layer: 'L4b',
    fix: 'chunked-prefill',
    why: (o) =>
      `Inter-token p99 is ${Math.round(o.itl.p99Ms / o.itl.p50Ms)}× the median and ${Math.round(o.itl.spikesNearLongPrompts * 100)}% of the spikes start as a long prompt arrives: the scheduler (L4b) runs each long prefill in one step and every stream waits behind it.`,
    inject(o, rng) {
      o.itl.p99Ms = round(o.itl.p50Ms * between(rng, 8, 40));
      o.itl.spikesNearLongPrompts = round(between(rng, 0.85, 1));
    },
  },
  {
    id: 'ttft-grows-per-turn',
    title: 'prompts that grow turn after turn',
    layer: 'L6',
    fix: 'trim-history',
    why: (o) =>
      `One conversation's prompts grow ${o.conversation.promptTokensByTurn.join(' → ')} tokens: the client resends the whole history every turn, and what a request carries is the client's (L6) decision.`,
    inject(o, rng) {
      const turns = rng.int(6, 12);
      const base = rng.int(150, 400);
      const per = rng.int(400, 900);
      o.conversation.promptTokensByTurn = Array.from({ length: turns }, (_, i) => base + per * i + rng.int(0, 120));
    },
  },
  {
    id: 'slow-backend',
    title: 'decode far slower than the bandwidth allows',
    layer: 'L3',
    fix: 'fix-backend',
    why: (o) => {
      const achieved = (o.decode.bytesPerStep / o.decode.bandwidthBytesPerS / (o.decode.stepMs / 1000)) * 100;
      return `The step moves ${(o.decode.bytesPerStep / 1e9).toFixed(2)} GB at ${(o.decode.bandwidthBytesPerS / 1e9).toFixed(0)} GB/s in ${o.decode.stepMs} ms: ${achieved.toFixed(0)}% of peak bandwidth, far below the 70–85% real kernels reach. The silicon is not the limit; the backend (L3) is — what it loaded, CUDA graphs, its kernels.`;
    },
    inject(o, rng, s) {
      const stepMs = (s.step.memoryTimeS * 1000) / between(rng, 0.1, 0.45);
      o.decode.stepMs = round(stepMs, 3);
      o.decode.targetStepMs = round(stepMs * between(rng, 0.3, 0.8), 3);
    },
  },
  {
    id: 'at-the-ceiling',
    title: 'decode at the bandwidth ceiling and still too slow',
    layer: 'L0',
    fix: 'more-bandwidth',
    why: (o) => {
      const achieved = (o.decode.bytesPerStep / o.decode.bandwidthBytesPerS / (o.decode.stepMs / 1000)) * 100;
      return `The step already reaches ${achieved.toFixed(0)}% of peak bandwidth, inside the 70–85% band real kernels sustain, and the product wants ${o.decode.targetStepMs} ms: software cannot beat bandwidth ÷ bytes, so the limit is the silicon's (L0).`;
    },
    inject(o, rng) {
      o.decode.targetStepMs = round(o.decode.stepMs * between(rng, 0.3, 0.7), 3);
    },
  },
];

function snapshot(rng: Random, fault: Fault): Observations {
  const { o, s } = healthy(rng);
  fault.inject(o, rng, s);
  return o;
}

function judge(f: (o: Observations) => unknown, fault: Fault, o: Observations): void {
  const got = f(structuredClone(o)) as { layer?: unknown; fix?: unknown } | undefined;
  if (got?.layer === fault.layer && got?.fix === fault.fix) return;
  const said = got && typeof got === 'object' ? `${String(got.layer)} / ${String(got.fix)}` : JSON.stringify(got);
  const half = got?.layer === fault.layer ? ` The layer is right; the change there is ${fault.fix}.` : '';
  fail(
    `Snapshot with ${fault.title}: you said ${said}, but it is ${fault.layer} / ${fault.fix}.${half} ${fault.why(o)}`,
  );
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'achievedBandwidth: the ceiling time over the measured step',
    run(mod, { rng }) {
      const f = fn<(d: Observations['decode']) => number>(mod, 'achievedBandwidth');
      for (let n = 0; n < 60; n++) {
        const { o, s } = healthy(rng);
        const expected = (s.step.memoryTimeS * 1000) / o.decode.stepMs;
        const got = f({ ...o.decode });
        const hint =
          typeof got === 'number' && Math.abs(got * expected - 1) < 1e-6
            ? 'Upside down: the measured step is the longer one, so achieved = ceiling time ÷ measured time, at most 1.'
            : typeof got === 'number' && Math.abs(got / expected - 1000) < 1e-3
              ? 'Off by 1,000: the step is in milliseconds, bytes ÷ bandwidth gives seconds.'
              : undefined;
        expectClose(
          got,
          expected,
          1e-9,
          `achievedBandwidth (${s.model.name} on ${s.gpu.name}, step ${o.decode.stepMs} ms)`,
          hint,
        );
      }
    },
  },
  ...FAULTS.map(
    (fault): LabTest<Mod> => ({
      name: `diagnose: ${fault.title} → ${fault.layer}`,
      run(mod, { rng }) {
        const f = fn<(o: Observations) => unknown>(mod, 'diagnose');
        for (let n = 0; n < 12; n++) judge(f, fault, snapshot(rng, fault));
      },
    }),
  ),
];

export const mistake: Mistake = {
  what: 'a queue on one replica read as a batch cap (raise max_num_seqs) instead of a routing problem',
  message: /where requests go is the router's decision/,
};
