// Every figure the "KV bytes per token" chapter prints, computed by the engine at build time.

import { bytesLabel } from '../../components/island/format.ts';
import { getGpu, getModel } from '../../engine/catalog/index.ts';
import type { Model } from '../../engine/catalog/model.ts';
import { kvBytesForContext, kvBytesPerToken, kvBytesPerTokenMhaFormula, weightBytes } from '../../engine/memory.ts';
import { paramCounts } from '../../engine/params.ts';
import { fixed, formatBytes, int } from '../../engine/units.ts';

/** The wrong per-token figure the chapter corrects (shared/course/errata.md #1), quoted, not computed. */
export const QUOTED = { wrongPerToken: '2.6 MB' } as const;

const llama70 = getModel('llama-3.3-70b');
const llama8 = getModel('llama-3.1-8b');
const qwen4 = getModel('qwen3-4b');
const qwen25 = getModel('qwen2.5-7b');
const mistral = getModel('mistral-7b-v0.1');
const deepseek = getModel('deepseek-v3');
const gptoss = getModel('gpt-oss-120b');
const gemma3 = getModel('gemma-3-12b-it');
const h100 = getGpu('h100-sxm');

/** The 70B geometry with a different number of KV heads: MHA (one per query head) and MQA (one in all). */
export const llama70Mha: Model = {
  ...llama70,
  id: 'llama-3.3-70b-as-mha',
  name: 'Llama 3.3 70B as MHA',
  kvHeads: llama70.heads,
};
export const llama70Mqa: Model = { ...llama70, id: 'llama-3.3-70b-as-mqa', name: 'Llama 3.3 70B as MQA', kvHeads: 1 };

const SHORT = 8192;
const LONG = 131_072;

function windowLabel(m: Model): string {
  const windows = m.layerWindows.filter((w): w is number => w !== null);
  if (windows.length === 0) return '';
  if (windows.length === m.layers) return `sliding window ${int(windows[0] as number)} on all ${m.layers} layers`;
  return `${windows.length} layers windowed to ${int(windows[0] as number)} + ${m.layers - windows.length} full`;
}

function mlaLabel(m: Model): string {
  return m.mla ? `MLA (latent ${m.mla.kvLoraRank} + RoPE key ${m.mla.qkRopeHeadDim})` : '';
}

/** Models compared in the chapter's table and chart, with the design each stands for. */
export const ATTENTION_MODELS: { model: Model; kind: string }[] = [
  { model: llama70Mha, kind: `MHA (${llama70.heads} KV heads, hypothetical)` },
  { model: llama70, kind: `GQA (${llama70.kvHeads} KV heads)` },
  { model: llama70Mqa, kind: 'MQA (1 KV head, hypothetical)' },
  { model: llama8, kind: `GQA (${llama8.kvHeads} KV heads)` },
  { model: qwen25, kind: `GQA (${qwen25.kvHeads} KV heads)` },
  { model: mistral, kind: `GQA + ${windowLabel(mistral)}` },
  { model: gemma3, kind: `GQA (${gemma3.kvHeads} KV heads), ${windowLabel(gemma3)}` },
  { model: gptoss, kind: `GQA (${gptoss.kvHeads} KV heads), ${windowLabel(gptoss)}` },
  { model: deepseek, kind: mlaLabel(deepseek) },
];

export const attentionRows = ATTENTION_MODELS.map(({ model, kind }) => ({
  name: model.name,
  kind,
  perToken: `${int(kvBytesPerToken(model))} B`,
  short: bytesLabel(kvBytesForContext(model, SHORT)),
  long: LONG <= model.maxContext ? bytesLabel(kvBytesForContext(model, LONG)) : `n/a (max ${int(model.maxContext)})`,
}));

const perToken70 = kvBytesPerToken(llama70);
const weightsInt8 = weightBytes(llama70, 'int8');
const room = h100.memoryBytes - weightsInt8;

/** The corrected version of a widely copied table (errata #1 / E004-20): context × batch for the 70B model. */
const SCENARIOS = [
  { context: 1000, batch: 1 },
  { context: 4000, batch: 1 },
  { context: 4000, batch: 10 },
  { context: 4000, batch: 20 },
  { context: 4000, batch: 50 },
];
export const scenarioRows = SCENARIOS.map(({ context, batch }) => {
  const kv = batch * kvBytesForContext(llama70, context);
  return {
    context: int(context),
    batch: int(batch),
    kv: formatBytes(kv, 'GB'),
    share: `${fixed((kv / room) * 100, 0)}%${kv > room ? ' — does not fit' : ''}`,
  };
});

function mlaSentence(): string {
  const mla = deepseek.mla;
  if (!mla) throw new Error('DeepSeek-V3 is expected to use MLA');
  const per = kvBytesPerToken(deepseek);
  return `${deepseek.name} caches ${mla.kvLoraRank} + ${mla.qkRopeHeadDim} = ${mla.kvLoraRank + mla.qkRopeHeadDim} numbers per layer per token: ${int(per)} bytes across its ${deepseek.layers} layers in BF16, ${fixed((per / kvBytesPerToken(llama70)) * 100, 0)}% of ${llama70.name}'s cache for a model with ${fixed(paramCounts(deepseek).total / paramCounts(llama70).total, 1)} times as many parameters. The price is compute: the latent has to be expanded (or folded into the query and output projections) at every step.`;
}

function hybridSentence(): string {
  const atLong = (m: Model) => kvBytesForContext(m, LONG) / (kvBytesPerToken(m) * LONG);
  const full = (m: Model) => m.layerWindows.filter((w) => w === null).length;
  return `${gptoss.name} alternates ${full(gptoss)} full-attention layers with ${gptoss.layers - full(gptoss)} layers windowed to ${int(gptoss.layerWindows.find((w) => w !== null) ?? 0)} tokens, so at ${int(LONG)} tokens its cache is ${fixed(atLong(gptoss) * 100, 0)}% of what ${gptoss.layers} full layers would hold; ${gemma3.name} keeps only ${full(gemma3)} of its ${gemma3.layers} layers at full attention, which brings it to ${fixed(atLong(gemma3) * 100, 0)}%.`;
}

const TP = 8;
const tex = (n: number) => int(n).replace(/,/g, '{,}');

export const bytesPerToken = {
  model70: llama70.name,
  model8: llama8.name,
  layers70: llama70.layers,
  kvHeads70: llama70.kvHeads,
  heads70: llama70.heads,
  headDim70: llama70.headDim,
  group70: llama70.heads / llama70.kvHeads,
  perTokenTex: String.raw`k = 2 \times ${llama70.layers} \times ${llama70.kvHeads} \times ${llama70.headDim} \times 2\ \text{B} = ${tex(perToken70)}\ \text{B} \approx ${fixed(perToken70 / 1e6, 2)}\ \text{MB}`,
  perTokenMB: fixed(perToken70 / 1e6, 2),
  mhaPerTokenMB: fixed(kvBytesPerTokenMhaFormula(llama70) / 1e6, 2),
  perTokenFp8: int(kvBytesPerToken(llama70, 'fp8')),
  qwen4Name: qwen4.name,
  qwen4Hidden: int(qwen4.hiddenSize),
  qwen4Heads: qwen4.heads,
  qwen4QueryWidth: int(qwen4.heads * qwen4.headDim),
  qwen4KvHeads: qwen4.kvHeads,
  qwen4KvWidth: int(qwen4.kvHeads * qwen4.headDim),
  qwen4PerToken: int(kvBytesPerToken(qwen4)),
  mistralName: mistral.name,
  mistralWindow: int(mistral.layerWindows[0] ?? 0),
  shortCtx: int(SHORT),
  longCtx: int(LONG),
  gpuName: h100.name,
  gpuMem: formatBytes(h100.memoryBytes, 'GB', 1),
  weightsInt8: formatBytes(weightsInt8, 'GB'),
  roomGB: formatBytes(room, 'GB'),
  tokensInRoom: int(Math.floor(room / perToken70)),
  ctx4k: int(4000),
  seqsAt4k: int(Math.floor(room / kvBytesForContext(llama70, 4000))),
  ctx32k: int(32_768),
  seqsAt32k: int(Math.floor(room / kvBytesForContext(llama70, 32_768))),
  maxCtx: int(llama70.maxContext),
  fullCtxGB: formatBytes(kvBytesForContext(llama70, llama70.maxContext), 'GB', 1),
  fullCtxGiB: formatBytes(kvBytesForContext(llama70, llama70.maxContext), 'GiB', 0),
  tenUsers70: formatBytes(10 * kvBytesForContext(llama70, 4000), 'GB', 1),
  weights70bf16: formatBytes(weightBytes(llama70, 'bf16'), 'GB', 0),
  tenUsers8: formatBytes(10 * kvBytesForContext(llama8, 4000), 'GB', 1),
  weights8bf16: formatBytes(weightBytes(llama8, 'bf16'), 'GB', 1),
  tp: TP,
  kvPerGpuTp: int(perToken70 / Math.min(TP, llama70.kvHeads)),
  qwen25Name: qwen25.name,
  qwen25PerToken: int(kvBytesPerToken(qwen25)),
  llama8PerToken: int(kvBytesPerToken(llama8)),
  qwenVsLlama: fixed(kvBytesPerToken(llama8) / kvBytesPerToken(qwen25), 1),
  mlaSentence: mlaSentence(),
  hybridSentence: hybridSentence(),
};
