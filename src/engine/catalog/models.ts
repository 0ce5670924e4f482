import llama31_8b from './configs/llama-3.1-8b.json' with { type: 'json' };
import llama33_70b from './configs/llama-3.3-70b-instruct.json' with { type: 'json' };
import mistral7b from './configs/mistral-7b-v0.1.json' with { type: 'json' };
import mixtral8x7b from './configs/mixtral-8x7b-v0.1.json' with { type: 'json' };
import qwen25_7b from './configs/qwen2.5-7b.json' with { type: 'json' };
import qwen3_4b from './configs/qwen3-4b.json' with { type: 'json' };
import qwen3_8b from './configs/qwen3-8b.json' with { type: 'json' };
import { type Model, modelFromConfig } from './model.ts';

/** A catalog entry: the checkpoint's own config.json plus where it came from. */
export interface CatalogModel {
  id: string;
  name: string;
  hfRepo: string;
  config: unknown;
  sources: string[];
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
];

export const MODELS: readonly Model[] = CATALOG_MODELS.map((m) => modelFromConfig(m.config, m));
