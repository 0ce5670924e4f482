import deepseekV2Lite from './configs/deepseek-v2-lite.json' with { type: 'json' };
import deepseekV3 from './configs/deepseek-v3.json' with { type: 'json' };
import gemma2_9b from './configs/gemma-2-9b-it.json' with { type: 'json' };
import gemma3_12b from './configs/gemma-3-12b-it.json' with { type: 'json' };
import gptOss20b from './configs/gpt-oss-20b.json' with { type: 'json' };
import gptOss120b from './configs/gpt-oss-120b.json' with { type: 'json' };
import llama2_7b from './configs/llama-2-7b.json' with { type: 'json' };
import llama31_8b from './configs/llama-3.1-8b.json' with { type: 'json' };
import llama33_70b from './configs/llama-3.3-70b-instruct.json' with { type: 'json' };
import mistral7b from './configs/mistral-7b-v0.1.json' with { type: 'json' };
import mixtral8x7b from './configs/mixtral-8x7b-v0.1.json' with { type: 'json' };
import qwen15Moe from './configs/qwen1.5-moe-a2.7b-chat.json' with { type: 'json' };
import qwen15MoeGptq from './configs/qwen1.5-moe-a2.7b-chat-gptq-int4.json' with { type: 'json' };
import qwen25_7b from './configs/qwen2.5-7b.json' with { type: 'json' };
import qwen25_7bAwq from './configs/qwen2.5-7b-instruct-awq.json' with { type: 'json' };
import qwen3_4b from './configs/qwen3-4b.json' with { type: 'json' };
import qwen3_8b from './configs/qwen3-8b.json' with { type: 'json' };
import qwen3_8bFp8 from './configs/qwen3-8b-fp8.json' with { type: 'json' };
import qwen3_30bA3b from './configs/qwen3-30b-a3b.json' with { type: 'json' };
import qwen3_235bFp8 from './configs/qwen3-235b-a22b-fp8.json' with { type: 'json' };
import type { Model } from './model.ts';
import { modelFromConfig } from './read-config.ts';

/** A catalog entry: the checkpoint's own config.json plus where it came from. */
export interface CatalogModel {
  id: string;
  name: string;
  hfRepo: string;
  config: unknown;
  sources: string[];
  /** A re-quantized upload of another catalog model (same architecture), e.g. an AWQ or FP8 copy. */
  variantOf?: string;
}

const hf = (repo: string) => `https://huggingface.co/${repo}/blob/main/config.json`;

export const CATALOG_MODELS: readonly CatalogModel[] = [
  {
    id: 'llama-3.1-8b',
    name: 'Llama 3.1 8B',
    hfRepo: 'meta-llama/Llama-3.1-8B',
    config: llama31_8b,
    sources: [hf('meta-llama/Llama-3.1-8B'), 'shared/course/model-configs.json (8,030,261,248 parameters)'],
  },
  {
    id: 'llama-3.3-70b',
    name: 'Llama 3.3 70B Instruct',
    hfRepo: 'meta-llama/Llama-3.3-70B-Instruct',
    config: llama33_70b,
    sources: [
      hf('meta-llama/Llama-3.3-70B-Instruct'),
      'github.com/Lightning-AI/litgpt litgpt/config.py (n_layer=80, n_head=64, n_query_groups=8)',
    ],
  },
  {
    id: 'qwen3-4b',
    name: 'Qwen3 4B',
    hfRepo: 'Qwen/Qwen3-4B',
    config: qwen3_4b,
    sources: [hf('Qwen/Qwen3-4B')],
  },
  {
    id: 'qwen3-8b',
    name: 'Qwen3 8B',
    hfRepo: 'Qwen/Qwen3-8B',
    config: qwen3_8b,
    sources: [hf('Qwen/Qwen3-8B')],
  },
  {
    id: 'qwen2.5-7b',
    name: 'Qwen2.5 7B',
    hfRepo: 'Qwen/Qwen2.5-7B',
    config: qwen25_7b,
    sources: [hf('Qwen/Qwen2.5-7B'), 'k_proj out_features=512 (4 KV heads × 128): github.com/Retruth/deontic'],
  },
  {
    id: 'mistral-7b-v0.1',
    name: 'Mistral 7B v0.1',
    hfRepo: 'mistralai/Mistral-7B-v0.1',
    config: mistral7b,
    sources: [hf('mistralai/Mistral-7B-v0.1'), 'github.com/mistralai/mistral-inference README (sliding window 4096)'],
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B v0.1',
    hfRepo: 'mistralai/Mixtral-8x7B-v0.1',
    config: mixtral8x7b,
    sources: [hf('mistralai/Mixtral-8x7B-v0.1'), 'arXiv:2401.04088 (46.7B total, 12.9B active)'],
  },
  {
    id: 'llama-2-7b',
    name: 'Llama 2 7B',
    hfRepo: 'meta-llama/Llama-2-7b-hf',
    config: llama2_7b,
    sources: [
      hf('meta-llama/Llama-2-7b-hf'),
      'verbatim copies in public repos (e.g. a transformers load log printing LlamaConfig for snapshot 8a0442e8); multi-head attention: 32 KV heads',
    ],
  },
  {
    id: 'gemma-2-9b-it',
    name: 'Gemma 2 9B IT',
    hfRepo: 'google/gemma-2-9b-it',
    config: gemma2_9b,
    sources: [
      hf('google/gemma-2-9b-it'),
      'transformers configuration_gemma2.py (even layers use the 4,096-token window)',
      'vLLM v0.19.0 start-up log on an H100: "Model loading took 17.22 GiB", github.com/llm-d-incubation/llm-d-planner accuracy/results/v0.19.0/logs',
    ],
  },
  {
    id: 'gemma-3-12b-it',
    name: 'Gemma 3 12B IT',
    hfRepo: 'google/gemma-3-12b-it',
    config: gemma3_12b,
    sources: [
      hf('google/gemma-3-12b-it'),
      'transformers configuration_gemma3.py defaults for keys the checkpoint omits (head_dim 256, vocab 262,208, sliding_window_pattern 6, 131,072 positions)',
      'expanded text_config with the same values in a public re-upload (unsloth/gemma-3-12b-it)',
    ],
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    hfRepo: 'openai/gpt-oss-120b',
    config: gptOss120b,
    sources: [
      hf('openai/gpt-oss-120b'),
      'github.com/openai/gpt-oss gpt_oss/torch/model.py (sliding window on even layers, attention sinks, 128 experts top-4)',
      'OpenAI model card: 116.8B total, 5.1B active parameters (active excluding the embedding table)',
    ],
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    hfRepo: 'openai/gpt-oss-20b',
    config: gptOss20b,
    sources: [hf('openai/gpt-oss-20b'), 'OpenAI model card: 20.9B total, 3.6B active parameters'],
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    hfRepo: 'deepseek-ai/DeepSeek-V3',
    config: deepseekV3,
    sources: [
      hf('deepseek-ai/DeepSeek-V3'),
      'shared/course/model-configs.json (671B total, ~37B active, MLA cache 70,272 B/token in BF16)',
      'github.com/tenstorrent/tt-metal models/demos/deepseek_v3/reference/README_WEIGHTS.md (671B + MTP module)',
      'FP8 weights in 128×128 blocks with fp32 scales (quantization_config)',
    ],
  },
  {
    id: 'deepseek-v2-lite',
    name: 'DeepSeek-V2-Lite',
    hfRepo: 'deepseek-ai/DeepSeek-V2-Lite',
    config: deepseekV2Lite,
    sources: [
      hf('deepseek-ai/DeepSeek-V2-Lite'),
      'DeepSeek-V2 paper arXiv:2405.04434 (V2-Lite: 15.7B total, 2.4B active; MLA without query compression)',
    ],
  },
  {
    id: 'qwen1.5-moe-a2.7b',
    name: 'Qwen1.5-MoE-A2.7B Chat',
    hfRepo: 'Qwen/Qwen1.5-MoE-A2.7B-Chat',
    config: qwen15Moe,
    sources: [
      hf('Qwen/Qwen1.5-MoE-A2.7B-Chat'),
      'Qwen blog "Qwen1.5-MoE: Matching 7B Model Performance with 1/3 Activated Parameters" (14.3B total, 2.7B active; 60 experts + a shared expert)',
    ],
  },
  {
    id: 'qwen1.5-moe-a2.7b-gptq-int4',
    variantOf: 'qwen1.5-moe-a2.7b',
    name: 'Qwen1.5-MoE-A2.7B Chat GPTQ-Int4',
    hfRepo: 'Qwen/Qwen1.5-MoE-A2.7B-Chat-GPTQ-Int4',
    config: qwen15MoeGptq,
    sources: [
      hf('Qwen/Qwen1.5-MoE-A2.7B-Chat-GPTQ-Int4'),
      'config reproduced in a public notes repo (the expert lists there are abbreviated with "..."; here they are written out: up_proj 0–59, gate_proj 0–59, down_proj 0–59)',
    ],
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    hfRepo: 'Qwen/Qwen3-30B-A3B',
    config: qwen3_30bA3b,
    sources: [hf('Qwen/Qwen3-30B-A3B'), 'Qwen3 model card: 30.5B total, 3.3B activated, 128 experts, 8 activated'],
  },
  {
    id: 'qwen3-235b-a22b-fp8',
    name: 'Qwen3-235B-A22B FP8',
    hfRepo: 'Qwen/Qwen3-235B-A22B-FP8',
    config: qwen3_235bFp8,
    sources: [
      hf('Qwen/Qwen3-235B-A22B-FP8'),
      'Qwen3 model card: 235B total, 22B activated, 94 layers, 64 Q / 4 KV heads, 128 experts, 8 activated; FP8 in 128×128 blocks',
    ],
  },
  {
    id: 'qwen3-8b-fp8',
    variantOf: 'qwen3-8b',
    name: 'Qwen3 8B FP8',
    hfRepo: 'Qwen/Qwen3-8B-FP8',
    config: qwen3_8bFp8,
    sources: [hf('Qwen/Qwen3-8B-FP8'), 'Qwen3-8B-FP8 model card: fine-grained FP8 with block size 128'],
  },
  {
    id: 'qwen2.5-7b-instruct-awq',
    variantOf: 'qwen2.5-7b',
    name: 'Qwen2.5 7B Instruct AWQ',
    hfRepo: 'Qwen/Qwen2.5-7B-Instruct-AWQ',
    config: qwen25_7bAwq,
    sources: [hf('Qwen/Qwen2.5-7B-Instruct-AWQ'), 'AWQ 4-bit, group size 128, zero points, GEMM kernel layout'],
  },
];

export const MODELS: readonly Model[] = CATALOG_MODELS.map((m) => modelFromConfig(m.config, m));

/** Catalog models other than re-quantized copies: the pool for questions that pick a precision themselves. */
export const BASE_MODELS: readonly Model[] = MODELS.filter(
  (m) => !CATALOG_MODELS.find((c) => c.id === m.id)?.variantOf,
);
