// Figures the simulator page prints, computed from the simulator's own defaults (never typed by hand).
import { decodeStep, getGpu, getModel } from '../../engine/index.ts';
import { PRESETS, prepare, presetScenarios, SHAPES } from '../../engine/sim/index.ts';
import { fixed, formatBytes } from '../../engine/units.ts';
import { encodeQuery, valuesFromScenario } from './controls.ts';

const setup = prepare({});
const s = setup.scenario;
const h = s.hardware;
const model = getModel(s.model);
const gpu = getGpu(s.gpu);
const step = decodeStep(model, gpu, {
  weightPrecision: s.weightPrecision,
  batch: 1,
  context: 0,
  bandwidthEfficiency: h.bandwidthEfficiency,
});

export const simFacts = {
  model: model.name,
  gpu: gpu.name,
  bwEff: fixed(h.bandwidthEfficiency * 100),
  computeEff: fixed(h.computeEfficiency * 100),
  overheadMs: fixed(h.stepOverheadMs, 1),
  memUtil: fixed(h.gpuMemoryUtilization, 2),
  overheadGiB: formatBytes(
    setup.pool.capacity.activationBytes + setup.pool.capacity.nonTorchBytes + setup.pool.capacity.cudaGraphBytes,
    'GiB',
  ),
  poolTokens: fixed(setup.pool.tokens),
  poolGiB: formatBytes(setup.pool.kvBytesPerGpu, 'GiB'),
  maxModelLen: fixed(s.kv.maxModelLen),
  blockSize: fixed(s.kv.blockSize),
  maxNumSeqs: fixed(s.scheduler.kind === 'continuous' ? s.scheduler.maxNumSeqs : 0),
  tokenBudget: fixed(s.scheduler.kind === 'continuous' ? s.scheduler.maxNumBatchedTokens : 0),
  batch1StepMs: fixed(step.stepTimeS * 1000 + h.stepOverheadMs, 2),
  requests: fixed(s.workload.requests),
  rate: fixed(s.workload.arrival.kind === 'closed' ? 0 : s.workload.arrival.rate),
  sloTtft: fixed(s.slo.ttftMs ?? 0),
  sloTpot: fixed(s.slo.tpotMs ?? 0),
  stepTex: String.raw`t_\text{step} = \max\!\left(\frac{W(n) + \sum_i K(c_i)}{${fixed(h.bandwidthEfficiency, 2)}\cdot\text{BW}},\ \frac{\sum_i F(c_i, n_i)}{${fixed(h.computeEfficiency, 2)}\cdot\text{peak}}\right) + t_\text{all-reduce}(n) + ${fixed(h.stepOverheadMs, 1)}\ \text{ms}`,
};

/** One row per workload shape: what it draws. */
export const shapeRows = Object.entries(SHAPES).map(([id, sh]) => {
  const range = (d: (typeof sh)['prompt']) =>
    d.kind === 'fixed'
      ? fixed(d.tokens)
      : d.kind === 'uniform'
        ? `${fixed(d.min)}–${fixed(d.max)}`
        : `${fixed(d.p5)}–${fixed(d.p95)}`;
  return {
    id,
    label: sh.label,
    prompt: range(sh.prompt),
    output: range(sh.output),
    prefix: sh.sharedPrefix ? fixed(sh.sharedPrefix.tokens) : '—',
    summary: sh.summary,
  };
});

/** Each chapter comparison as a playground link (query string), A and B filled in. */
export const presetLinks = (() => {
  const defaults = valuesFromScenario(prepare({}).scenario, {});
  return PRESETS.map((p) => {
    const [a, b] = presetScenarios(p);
    const query = encodeQuery(
      defaults,
      valuesFromScenario(prepare(a).scenario, a),
      valuesFromScenario(prepare(b).scenario, b),
    );
    return { title: p.title, query, change: `${p.a.label} → ${p.b.label}` };
  });
})();
