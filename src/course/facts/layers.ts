// Every figure the "Layers L0–L6" chapter prints, computed by the engine at build time.
import { vllmCapacity } from '../../engine/capacity.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/** The worked example's givens: a gateway cap and a chat session shape (choices, not measurements). */
export const SCENARIO = { capTokens: 8192, turns: 10, tokensPerTurn: 300 } as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const perToken = kvBytesPerToken(model);
// The KV pool as vLLM sizes it at startup, with the model's full context as max_model_len.
const cap = vllmCapacity(model, gpu);
const capped = vllmCapacity(model, gpu, { maxModelLen: SCENARIO.capTokens });
const util = cap.assumptions.find((a) => a.name === 'gpu_memory_utilization')?.value ?? Number.NaN;
const overhead = cap.activationBytes + cap.nonTorchBytes + cap.cudaGraphBytes;
const atMax = kvBytesForContext(model, model.maxContext);
const atCap = kvBytesForContext(model, SCENARIO.capTokens);

// Stateless client: turn t resends all t turns so far; a stateful one (or a prefix-cache hit) sends only the new turn.
const { turns: T, tokensPerTurn: m } = SCENARIO;
let statelessTokens = 0;
for (let t = 1; t <= T; t++) statelessTokens += t * m;
const statefulTokens = T * m;

const gb = (b: number, d = 1) => fixed(b / 1e9, d);

export const layers = {
  model: model.name,
  gpu: gpu.name,
  util: fixed(util, 2),
  weightsGB: formatBytes(weightBytes(model, 'bf16'), 'GB'),
  cudaGB: formatBytes(cap.cudaMemoryBytes, 'GB', 1),
  overheadGB: formatBytes(overhead, 'GB', 1),
  perTokenInt: int(perToken),
  perTokenKB: fixed(perToken / 1e3, 1),
  poolGB: formatBytes(cap.kvCacheBytes, 'GB', 1),
  poolTokens: int(cap.kvTokens),
  maxContext: int(model.maxContext),
  atMaxGB: formatBytes(atMax, 'GB', 1),
  atMaxShare: fixed((atMax / cap.kvCacheBytes) * 100, 0),
  fitAtMax: Math.floor(cap.maxConcurrency),
  cap: int(SCENARIO.capTokens),
  atCapGB: formatBytes(atCap, 'GB', 2),
  fitAtCap: int(Math.floor(capped.maxConcurrency)),
  poolTex: String.raw`\underbrace{${fixed(util, 2)} \times ${gb(cap.cudaMemoryBytes)}}_{\text{allowed}} - \underbrace{${gb(cap.weightBytesPerRank, 2)}}_{\text{weights}} - \underbrace{${gb(overhead)}}_{\text{activations, runtime}} \approx ${gb(cap.kvCacheBytes)}\ \text{GB} \;\Rightarrow\; \frac{${gb(cap.kvCacheBytes)}\ \text{GB}}{${int(perToken).replace(',', '{,}')}\ \text{B/token}} \approx ${int(cap.kvTokens).replaceAll(',', '{,}')}\ \text{tokens}`,
  turns: T,
  tokensPerTurn: int(m),
  statelessTokens: int(statelessTokens),
  statefulTokens: int(statefulTokens),
  statelessRatio: fixed(statelessTokens / statefulTokens, 1),
  lastTurnTokens: int(T * m),
  statelessTex: String.raw`\sum_{t=1}^{${T}} t \cdot ${m} = ${m} \cdot \frac{${T}\cdot${T + 1}}{2} = ${int(statelessTokens).replace(',', '{,}')}\ \text{tokens} \quad\text{vs}\quad ${T} \cdot ${m} = ${int(statefulTokens).replace(',', '{,}')}`,
};
