// Self-check for chapter 1 (what an inference engineer ships): where a request's GPU time goes for each shape.

import { maxBatchInMemory } from '../../../src/engine/capacity.ts';
import { PRECISION_LABEL, type Precision } from '../../../src/engine/precision.ts';
import { prefillEstimate } from '../../../src/engine/prefill.ts';
import { decodeStep } from '../../../src/engine/roofline.ts';
import { fixed, int } from '../../../src/engine/units.ts';
import type { NumericTemplate } from '../template.ts';
import { fitting, gpuById, modelById } from './pick.ts';

interface ShareParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
  output: number;
  batch: number;
}

const timings = (p: ShareParams) => {
  const m = modelById(p.modelId);
  const g = gpuById(p.gpuId);
  const prefillMs = prefillEstimate(m, g, p.precision, p.prompt).timeS * 1e3;
  const stepMs =
    decodeStep(m, g, { weightPrecision: p.precision, batch: p.batch, context: p.prompt + Math.round(p.output / 2) })
      .stepTimeS * 1e3;
  return { prefillMs, stepMs };
};

export const prefillShare: NumericTemplate<ShareParams> = {
  id: 'what-we-ship/prefill-share',
  topic: 'workload-shapes',
  title: 'Share of a request’s GPU time spent in prefill',
  spec: { quantity: 'plain', unit: '', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8'], share: 0.6 });
      const p = {
        modelId: model.id,
        gpuId: gpu.id,
        precision,
        prompt: rng.pick([500, 1000, 2000, 4000, 8000]),
        output: rng.pick([16, 64, 200, 500]),
        batch: rng.pick([1, 4, 8, 16, 32]),
      };
      if (p.batch <= maxBatchInMemory(model, gpu, precision, p.prompt + p.output)) return p;
    }
  },
  text(p) {
    const { prefillMs, stepMs } = timings(p);
    return `On an ${gpuById(p.gpuId).name}, ${modelById(p.modelId).name} (${PRECISION_LABEL[p.precision]}) prefills a ${int(p.prompt)}-token prompt in ${fixed(prefillMs, 2)} ms, then produces ${p.output} output tokens in decode steps of ${fixed(stepMs, 3)} ms, each step shared by ${p.batch} sequence(s). Counting the request's own prefill and its share of every decode step, what percentage of the GPU time it costs is prefill? Give the number only. (±2% of the answer)`;
  },
  solve(p) {
    const { prefillMs, stepMs } = timings(p);
    const decodeShare = ((p.output - 1) * stepMs) / p.batch;
    const value = (prefillMs / (prefillMs + decodeShare)) * 100;
    return {
      value,
      steps: [
        `Decode steps after the first token: ${p.output} − 1 = ${p.output - 1}, each ${fixed(stepMs, 3)} ms, split ${p.batch} ways: ${fixed(decodeShare, 2)} ms of GPU time.`,
        `Prefill is the request's alone: ${fixed(prefillMs, 2)} ms.`,
        `Share = ${fixed(prefillMs, 2)} ÷ (${fixed(prefillMs, 2)} + ${fixed(decodeShare, 2)}) = ${fixed(value, 1)}%.`,
      ],
    };
  },
};

interface JobParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  items: number;
  prompt: number;
  output: number;
}

const jobRates = (p: JobParams) => {
  const m = modelById(p.modelId);
  const g = gpuById(p.gpuId);
  const batch = Math.max(1, Math.min(4096, maxBatchInMemory(m, g, p.precision, p.prompt + p.output)));
  const prefillTps = prefillEstimate(m, g, p.precision, p.prompt).tokensPerSecond;
  const decodeTps = decodeStep(m, g, {
    weightPrecision: p.precision,
    batch,
    context: p.prompt + Math.round(p.output / 2),
  }).tokensPerSecondTotal;
  return { prefillTps, decodeTps };
};

export const batchJobTime: NumericTemplate<JobParams> = {
  id: 'what-we-ship/batch-job-time',
  topic: 'workload-shapes',
  title: 'How long an offline batch job takes',
  spec: { quantity: 'time', unit: 's', tolerance: 0.02 },
  generate(rng) {
    for (;;) {
      const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8'], share: 0.6 });
      const p = {
        modelId: model.id,
        gpuId: gpu.id,
        precision,
        items: rng.pick([10_000, 50_000, 100_000, 1_000_000]),
        prompt: rng.pick([300, 1000, 2000]),
        output: rng.pick([50, 200, 500]),
      };
      if (maxBatchInMemory(model, gpu, precision, p.prompt + p.output) >= 1) return p;
    }
  },
  text(p) {
    const { prefillTps, decodeTps } = jobRates(p);
    return `An offline job sends ${int(p.items)} prompts of ${int(p.prompt)} tokens to ${modelById(p.modelId).name} on one ${gpuById(p.gpuId).name} and asks for ${p.output} tokens back from each. The card prefills ${int(prefillTps)} prompt tokens per second and, at the batch its memory allows, decodes ${int(decodeTps)} output tokens per second in total; the two phases take turns. How long does the job take, in seconds? (±2%)`;
  },
  solve(p) {
    const { prefillTps, decodeTps } = jobRates(p);
    const prefillS = (p.items * p.prompt) / prefillTps;
    const decodeS = (p.items * p.output) / decodeTps;
    return {
      value: prefillS + decodeS,
      steps: [
        `Prefill: ${int(p.items)} × ${int(p.prompt)} tokens ÷ ${int(prefillTps)} tokens/s = ${fixed(prefillS, 0)} s.`,
        `Decode: ${int(p.items)} × ${p.output} tokens ÷ ${int(decodeTps)} tokens/s = ${fixed(decodeS, 0)} s.`,
        `Total: ${fixed(prefillS + decodeS, 0)} s (${fixed((prefillS + decodeS) / 3600, 2)} h), ${fixed((prefillS / (prefillS + decodeS)) * 100, 0)}% of it prefill.`,
      ],
    };
  },
};

interface AgentParams {
  modelId: string;
  gpuId: string;
  precision: Precision;
  prompt: number;
  output: number;
}

export const agentStep: NumericTemplate<AgentParams> = {
  id: 'what-we-ship/agent-step',
  topic: 'workload-shapes',
  title: 'One agent step: a long prompt and a short tool call',
  spec: { quantity: 'time', unit: 'ms', tolerance: 0.02 },
  generate(rng) {
    const { model, gpu, precision } = fitting(rng, { precisions: ['bf16', 'fp8', 'int8'] });
    return {
      modelId: model.id,
      gpuId: gpu.id,
      precision,
      prompt: rng.pick([2000, 4000, 8000, 16000].filter((n) => n <= model.maxContext)),
      output: rng.pick([4, 8, 16, 32]),
    };
  },
  text(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const pre = prefillEstimate(m, g, p.precision, p.prompt);
    const step = decodeStep(m, g, { weightPrecision: p.precision, batch: 1, context: p.prompt }).stepTimeS;
    return `An agent sends ${m.name} (${PRECISION_LABEL[p.precision]}, alone on an ${g.name}) a ${int(p.prompt)}-token prompt and gets a ${p.output}-token tool call back. Prefill runs at ${int(pre.tokensPerSecond)} tokens per second; each decode step takes ${fixed(step * 1e3, 3)} ms. How long does the step take from request to last token, in milliseconds? (±2%)`;
  },
  solve(p) {
    const m = modelById(p.modelId);
    const g = gpuById(p.gpuId);
    const pre = prefillEstimate(m, g, p.precision, p.prompt);
    const step = decodeStep(m, g, { weightPrecision: p.precision, batch: 1, context: p.prompt }).stepTimeS;
    const value = pre.timeS + (p.output - 1) * step;
    return {
      value,
      steps: [
        `Prefill (gives the first token): ${int(p.prompt)} ÷ ${int(pre.tokensPerSecond)} tokens/s = ${fixed(pre.timeS * 1e3, 2)} ms.`,
        `The other ${p.output - 1} tokens: ${p.output - 1} × ${fixed(step * 1e3, 3)} ms = ${fixed((p.output - 1) * step * 1e3, 2)} ms.`,
        `Total ${fixed(value * 1e3, 2)} ms, ${fixed((pre.timeS / value) * 100, 0)}% of it prefill: agents are prompt-bound.`,
      ],
    };
  },
};

export const WHAT_WE_SHIP_TEMPLATES = [prefillShare, batchJobTime, agentStep];
