import { describe, expect, it } from 'vitest';
import { modelCard } from '../../src/components/model-card/model-card.ts';
import { modelCardView } from '../../src/components/model-card/model-card-view.ts';
import { CATALOG_MODELS, InputError } from '../../src/engine/index.ts';
import { PARAMS } from '../fixtures/reference.ts';

const config = (id: string) => CATALOG_MODELS.find((m) => m.id === id)?.config as Record<string, unknown>;
const card = (c: unknown, over: Record<string, unknown> = {}) =>
  modelCard({
    configText: typeof c === 'string' ? c : JSON.stringify(c),
    gpu: 'h100-sxm',
    weightPrecision: 'bf16',
    kvPrecision: 'bf16',
    context: 8192,
    ...over,
  });

function issues(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.field}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('model card from a pasted config.json', () => {
  it('reads Llama 3.3 70B: parameters, GQA KV bytes and the bandwidth ceiling by hand', () => {
    const r = card(config('llama-3.3-70b'), { weightPrecision: 'int8', context: 1 });
    expect(r.params.total).toBe(PARAMS['llama-3.3-70b'].total);
    expect(r.kvPerToken).toBe(2 * 80 * 8 * 128 * 2);
    expect(r.attention).toBe('GQA');
    expect(r.decode.tokensPerS).toBeCloseTo(3350e9 / (PARAMS['llama-3.3-70b'].total + 327_680), 6);
    expect(r.weights.find((w) => w.precision === 'bf16')?.fits).toBe(false);
  });

  it('reads Mixtral: active parameters are shared + 2 of 8 experts', () => {
    const r = card(config('mixtral-8x7b'));
    expect(r.params.active).toBe(PARAMS['mixtral-8x7b'].active);
    expect(r.moe).toEqual({ experts: 8, expertsPerToken: 2 });
  });

  it('reads DeepSeek-V3 as multi-head latent attention: one latent plus the RoPE key per layer', () => {
    // config.json: 61 layers, kv_lora_rank 512, qk_rope_head_dim 64; a BF16 cache.
    const r = card(config('deepseek-v3'));
    expect(r.attention).toBe('MLA');
    expect(r.kvPerToken).toBe(61 * (512 + 64) * 2);
    expect(r.checkpoint.format).toMatch(/fp8/);
  });

  it('FP8 KV halves the bytes per token', () => {
    expect(card(config('llama-3.1-8b'), { kvPrecision: 'fp8' }).kvPerToken).toBe(PARAMS['llama-3.1-8b'].kv / 2);
  });

  it('says which field is missing, and notes assumptions it made', () => {
    const { hidden_size: _, ...noHidden } = config('llama-3.1-8b');
    expect(issues(() => card(noHidden))).toEqual(['hidden_size: is required for model_type "llama" but missing']);
    const { num_key_value_heads: __, ...mha } = config('llama-3.1-8b');
    const r = card(mha);
    expect(r.attention).toBe('MHA');
    expect(modelCardView(r).some((s) => s.heading.startsWith('Assumptions'))).toBe(true);
  });

  it('explains text that is not a JSON object, and bad controls', () => {
    expect(issues(() => card('{"model_type": "llama",'))[0]).toMatch(/^configText: is not valid JSON/);
    expect(issues(() => card('[1, 2]'))[0]).toMatch(/^configText: must be a JSON object/);
    expect(issues(() => card('   '))[0]).toMatch(/^configText: is empty/);
    expect(issues(() => card(config('llama-3.1-8b'), { context: 0 }))).toEqual(['context: must be at least 1 (got 0)']);
    expect(issues(() => card({ model_type: 'bert' }))[0]).toMatch(/model_type: "bert" is not supported yet/);
  });
});
