// Every figure the what-we-ship chapter prints: the four workload shapes run through the engine on one model and card.

import { maxBatchInMemory } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { prefillEstimate } from '../../engine/prefill.ts';
import { decodeStep } from '../../engine/roofline.ts';
import { fixed, int } from '../../engine/units.ts';

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');

/**
 * Ranges the lecture source gives for each shape (001 §1: chat prefill 1–4K and decode 50–500 tokens; agent bursts of
 * 1–16 tokens; batch jobs of 10K–10M prompts), quoted as the basis for the presets below.
 */
export const QUOTED = {
  chatPrompt: '1–4K',
  chatOutput: '50–500',
  agentBurst: '1–16',
  batchPrompts: '10K–10M',
} as const;

/** One illustrative request per shape, inside the source's ranges; the concurrency each is typically served at. */
export const SHAPES = [
  { id: 'chat', label: 'Chat turn', prompt: 2000, output: 300, batch: 16 },
  { id: 'agent', label: 'Agent step', prompt: 6000, output: 16, batch: 8 },
  { id: 'batch', label: 'Offline batch item', prompt: 1000, output: 500, batch: 0 },
  { id: 'embedding', label: 'Embedding a document', prompt: 512, output: 0, batch: 0 },
] as const;

function run(s: (typeof SHAPES)[number]) {
  const pre = prefillEstimate(model, gpu, 'bf16', s.prompt);
  const context = s.prompt + Math.round(s.output / 2);
  // Offline work runs at the largest batch memory allows; interactive shapes at a moderate one.
  const batch = s.batch || Math.max(1, maxBatchInMemory(model, gpu, 'bf16', s.prompt + s.output));
  const step = s.output > 0 ? decodeStep(model, gpu, { weightPrecision: 'bf16', batch, context }) : null;
  const decodeMs = step ? step.stepTimeS * 1e3 * (s.output - 1) : 0;
  const prefillMs = pre.timeS * 1e3;
  // GPU time one request costs: its own prefill, plus its share of decode steps it rode with `batch - 1` others.
  const gpuDecodeMs = decodeMs / batch;
  return {
    ...s,
    batch,
    prefillMs,
    decodeMs,
    gpuDecodeMs,
    gpuPrefillShare: prefillMs / (prefillMs + gpuDecodeMs),
    tpotMs: step ? step.stepTimeS * 1e3 : 0,
    decodeTps: step ? step.tokensPerSecondTotal : 0,
    prefillTps: pre.tokensPerSecond,
  };
}

export const shapeRows = SHAPES.map(run).map((r) => ({
  ...r,
  promptText: int(r.prompt),
  outputText: int(r.output),
  batchText: r.output > 0 ? int(r.batch) : '—',
  prefillText: fixed(r.prefillMs, 1),
  decodeText: r.output > 0 ? fixed(r.decodeMs, 0) : '—',
  tpotText: r.output > 0 ? fixed(r.tpotMs, 1) : '—',
  gpuDecodeText: r.output > 0 ? fixed(r.gpuDecodeMs, 1) : '—',
  gpuShareText: fixed(r.gpuPrefillShare * 100, 0),
}));

const row = (id: string) => shapeRows.find((r) => r.id === id) as (typeof shapeRows)[number];
const chat = row('chat');
const agent = row('agent');
const batch = row('batch');
const emb = row('embedding');
const batchItems = 1_000_000;

export const whatWeShip = {
  model: model.name,
  gpu: gpu.name,
  quoted: QUOTED,
  chat,
  agent,
  batch,
  emb,
  batchTps: int(batch.decodeTps),
  batchItems: int(batchItems),
  batchDecodeHours: fixed((batchItems * batch.output) / batch.decodeTps / 3600, 1),
  batchPrefillHours: fixed((batchItems * batch.prompt) / batch.prefillTps / 3600, 1),
  batchHours: fixed(
    (batchItems * batch.output) / batch.decodeTps / 3600 + (batchItems * batch.prompt) / batch.prefillTps / 3600,
    1,
  ),
  embTps: int(emb.prefillTps),
  embHours: fixed((batchItems * emb.prompt) / emb.prefillTps / 3600, 1),
  agentTurns: 10,
  agentLoopS: fixed((10 * (agent.prefillMs + agent.decodeMs)) / 1e3, 2),
};
