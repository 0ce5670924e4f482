// Every figure the "Layers L0–L6" chapter prints, computed by the engine at build time.
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import { kvBytesForContext, kvBytesPerToken, weightBytes } from '../../engine/memory.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';
import { kvPoolBytes, VLLM_DEFAULT_GPU_MEMORY_UTILIZATION } from './compose.ts';

/** The worked example's givens: a gateway cap and a chat session shape (choices, not measurements). */
export const SCENARIO = { capTokens: 8192, turns: 10, tokensPerTurn: 300 } as const;

const model = getModel('llama-3.1-8b');
const gpu = getGpu('h100-sxm');
const perToken = kvBytesPerToken(model);
const pool = kvPoolBytes(model, gpu, 'bf16');
const atMax = kvBytesForContext(model, model.maxContext);
const atCap = kvBytesForContext(model, SCENARIO.capTokens);

// Stateless client: turn t resends all t turns so far; a stateful one (or a prefix-cache hit) sends only the new turn.
const { turns: T, tokensPerTurn: m } = SCENARIO;
let statelessTokens = 0;
for (let t = 1; t <= T; t++) statelessTokens += t * m;
const statefulTokens = T * m;

export const layers = {
  model: model.name,
  gpu: gpu.name,
  util: fixed(VLLM_DEFAULT_GPU_MEMORY_UTILIZATION, 2),
  weightsGB: formatBytes(weightBytes(model, 'bf16'), 'GB'),
  memGB: formatBytes(gpu.memoryBytes, 'GB', 1),
  perTokenInt: int(perToken),
  perTokenKB: fixed(perToken / 1e3, 1),
  poolGB: formatBytes(pool, 'GB', 1),
  poolTokens: int(pool / perToken),
  maxContext: int(model.maxContext),
  atMaxGB: formatBytes(atMax, 'GB', 1),
  atMaxShare: fixed((atMax / pool) * 100, 0),
  fitAtMax: Math.floor(pool / atMax),
  cap: int(SCENARIO.capTokens),
  atCapGB: formatBytes(atCap, 'GB', 2),
  fitAtCap: int(Math.floor(pool / atCap)),
  poolTex: String.raw`\text{pool} = ${fixed(VLLM_DEFAULT_GPU_MEMORY_UTILIZATION, 2)} \times ${fixed(gpu.memoryBytes / 1e9, 1)}\ \text{GB} - ${fixed(weightBytes(model, 'bf16') / 1e9, 2)}\ \text{GB} \approx ${fixed(pool / 1e9, 1)}\ \text{GB} \;\Rightarrow\; \frac{${fixed(pool / 1e9, 1)}\ \text{GB}}{${int(perToken).replace(',', '{,}')}\ \text{B/token}} \approx ${int(pool / perToken).replaceAll(',', '{,}')}\ \text{tokens}`,
  turns: T,
  tokensPerTurn: int(m),
  statelessTokens: int(statelessTokens),
  statefulTokens: int(statefulTokens),
  statelessRatio: fixed(statelessTokens / statefulTokens, 1),
  lastTurnTokens: int(T * m),
  statelessTex: String.raw`\sum_{t=1}^{${T}} t \cdot ${m} = ${m} \cdot \frac{${T}\cdot${T + 1}}{2} = ${int(statelessTokens).replace(',', '{,}')}\ \text{tokens} \quad\text{vs}\quad ${T} \cdot ${m} = ${int(statefulTokens).replace(',', '{,}')}`,
};
