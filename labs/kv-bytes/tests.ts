// Hidden tests for lab 1: the learner's config reader against the engine's (modelFromConfig + kvBytesPerToken /
// kvBytesForContext), on real catalog configs and on configs generated afresh for every run.
import { expectClose, expectEqual, fn, type LabTest, type Mistake } from '../../graders/labs/harness.ts';
import { CATALOG_MODELS } from '../../src/engine/catalog/models.ts';
import { modelFromConfig } from '../../src/engine/catalog/read-config.ts';
import { kvBytesForContext, kvBytesPerToken } from '../../src/engine/memory.ts';
import type { Precision } from '../../src/engine/precision.ts';
import type { Random } from '../../src/engine/random.ts';

type Mod = Record<string, unknown>;
type Config = Record<string, unknown> & { num_hidden_layers: number; num_attention_heads: number };

const PRECISIONS: readonly { bytes: number; precision: Precision }[] = [
  { bytes: 2, precision: 'bf16' },
  { bytes: 1, precision: 'fp8' },
  { bytes: 4, precision: 'fp32' },
];

const model = (config: Config) => modelFromConfig(config, { id: 'lab', name: String(config.model_type) });

/** Real configs whose language model sits at the top level (multimodal wrappers nest it in text_config). */
const REAL: readonly { name: string; config: Config }[] = CATALOG_MODELS.filter(
  (m) => !(m.config as Config).text_config,
).map((m) => ({ name: m.name, config: m.config as Config }));

/** Windows per layer by the prompt's rule: layer_types, or full attention everywhere. */
function windowsByRule(c: Config): (number | null)[] {
  const types = c.layer_types as string[] | undefined;
  return Array.from({ length: c.num_hidden_layers }, (_, i) =>
    types?.[i] === 'sliding_attention' ? (c.sliding_window as number) : null,
  );
}

/** Real configs whose sliding layers the prompt's rule describes (Mistral's and Gemma 2's follow family rules). */
const REAL_CONTEXT = REAL.filter(
  (r) => JSON.stringify(windowsByRule(r.config)) === JSON.stringify(model(r.config).layerWindows),
);

function llamaLike(rng: Random): Config {
  const headDim = rng.pick([64, 80, 96, 128, 256]);
  const heads = rng.pick([8, 12, 16, 24, 32, 40, 48, 64, 96, 128]);
  const divisors = Array.from({ length: heads }, (_, i) => i + 1).filter((d) => heads % d === 0);
  const c: Config = {
    model_type: 'llama',
    num_hidden_layers: rng.int(1, 128),
    num_attention_heads: heads,
    hidden_size: heads * headDim,
    intermediate_size: rng.int(2, 50) * 512,
    vocab_size: rng.pick([32000, 128256, 151936]),
    max_position_embeddings: 131072,
    torch_dtype: 'bfloat16',
  };
  const kind = rng.int(0, 3);
  if (kind === 0)
    c.num_key_value_heads = heads; // MHA, stated
  else if (kind === 1)
    c.num_key_value_heads = 1; // MQA
  else if (kind === 2) c.num_key_value_heads = rng.pick(divisors); // GQA (or anything that divides)
  // kind 3: no num_key_value_heads at all (an old MHA config)
  if (rng.next() < 0.3) {
    // A head_dim that differs from hidden_size / heads, as in Gemma or Qwen3.
    c.head_dim = rng.pick([64, 128, 256]);
    c.hidden_size = heads * rng.pick([48, 64, 80, 96, 128]);
  }
  return c;
}

function hybrid(rng: Random): Config {
  const c = llamaLike(rng);
  const every = rng.int(2, 6);
  c.layer_types = Array.from({ length: c.num_hidden_layers }, (_, i) =>
    (i + 1) % every === 0 ? 'full_attention' : 'sliding_attention',
  );
  c.sliding_window = rng.pick([128, 512, 1024, 4096, 8192]);
  return c;
}

function mla(rng: Random): Config {
  const heads = rng.pick([16, 32, 64, 128]);
  return {
    model_type: 'deepseek_v3',
    num_hidden_layers: rng.int(2, 64),
    num_attention_heads: heads,
    num_key_value_heads: heads,
    hidden_size: heads * 56,
    intermediate_size: 8192,
    moe_intermediate_size: 1024,
    n_routed_experts: 16,
    num_experts_per_tok: 4,
    n_shared_experts: 1,
    vocab_size: 129280,
    max_position_embeddings: 163840,
    kv_lora_rank: rng.pick([256, 512, 768]),
    q_lora_rank: rng.pick([null, 1536]),
    qk_rope_head_dim: rng.pick([32, 64]),
    qk_nope_head_dim: rng.pick([64, 128]),
    v_head_dim: 128,
    torch_dtype: 'bfloat16',
  };
}

/** What a learner's number most likely means, when it is one of the classic mistakes. */
function diagnose(got: unknown, c: Config, expected: number): string | undefined {
  if (typeof got !== 'number') return undefined;
  const close = (x: number) => Math.abs(got - x) <= 1e-9 * Math.abs(x);
  const heads = c.num_attention_heads;
  const kv = (c.num_key_value_heads as number | undefined) ?? heads;
  if (c.kv_lora_rank !== undefined) {
    return got !== expected && !close(expected)
      ? 'This config uses multi-head latent attention (it has kv_lora_rank): each layer caches one latent of kv_lora_rank values plus a RoPE key of qk_rope_head_dim values, with no K and V per head.'
      : undefined;
  }
  if (kv !== heads && close((expected * heads) / kv))
    return `That is ${heads / kv}× too much: it caches a K and a V for all ${heads} query heads, but this model has ${kv} KV heads (num_key_value_heads), shared by groups of query heads.`;
  if (close(expected / 2)) return 'Half the expected value: both a key and a value are cached for every KV head.';
  const hd = c.head_dim as number | undefined;
  const naturalDim = (c.hidden_size as number) / heads;
  if (hd !== undefined && hd !== naturalDim && close((expected * naturalDim) / hd))
    return `This config states head_dim = ${hd}; use it instead of hidden_size / num_attention_heads (${naturalDim}).`;
  return undefined;
}

function describe(c: Config): string {
  const kv = c.num_key_value_heads === undefined ? 'no num_key_value_heads' : `${c.num_key_value_heads} KV heads`;
  const extra = c.kv_lora_rank !== undefined ? `, kv_lora_rank ${c.kv_lora_rank}` : '';
  const dim = c.head_dim !== undefined ? `, head_dim ${c.head_dim}` : '';
  return `${c.model_type} config: ${c.num_hidden_layers} layers, ${c.num_attention_heads} heads, ${kv}, hidden_size ${c.hidden_size}${dim}${extra}`;
}

export const tests: LabTest<Mod>[] = [
  {
    name: 'kvHeads: num_key_value_heads, or one per query head when it is missing',
    run(mod, { rng }) {
      const f = fn<(c: Config) => number>(mod, 'kvHeads');
      const configs = [...REAL.filter((r) => r.config.kv_lora_rank === undefined).map((r) => r.config)];
      for (let n = 0; n < 60; n++) configs.push(llamaLike(rng));
      for (const c of configs) {
        const got = f(structuredClone(c));
        const expected = model(c).kvHeads;
        const hint =
          got === c.num_attention_heads && got !== expected
            ? ` That is num_attention_heads; the cache holds one K and one V per KV head (num_key_value_heads = ${expected}).`
            : '';
        expectEqual(got, expected, `kvHeads (${describe(c)})`, hint);
      }
    },
  },
  {
    name: 'kvBytesPerToken: real configs from the catalog (GQA, MHA, MLA)',
    run(mod, { rng }) {
      const f = fn<(c: Config, b: number) => number>(mod, 'kvBytesPerToken');
      for (const { name, config } of REAL) {
        const { bytes, precision } = rng.pick(PRECISIONS);
        const expected = kvBytesPerToken(model(config), precision);
        const got = f(structuredClone(config), bytes);
        expectClose(got, expected, 1e-12, `kvBytesPerToken(${name}, ${bytes} B)`, diagnose(got, config, expected));
      }
    },
  },
  {
    name: 'kvBytesPerToken: generated GQA, MQA and MHA configs',
    run(mod, { rng }) {
      const f = fn<(c: Config, b: number) => number>(mod, 'kvBytesPerToken');
      for (let n = 0; n < 200; n++) {
        const c = llamaLike(rng);
        const { bytes, precision } = rng.pick(PRECISIONS);
        const expected = kvBytesPerToken(model(c), precision);
        const got = f(structuredClone(c), bytes);
        expectClose(got, expected, 1e-12, `kvBytesPerToken (${describe(c)}, ${bytes} B)`, diagnose(got, c, expected));
      }
    },
  },
  {
    name: 'kvBytesPerToken: generated MLA configs (kv_lora_rank)',
    run(mod, { rng }) {
      const f = fn<(c: Config, b: number) => number>(mod, 'kvBytesPerToken');
      for (let n = 0; n < 100; n++) {
        const c = mla(rng);
        const { bytes, precision } = rng.pick(PRECISIONS);
        const expected = kvBytesPerToken(model(c), precision);
        const got = f(structuredClone(c), bytes);
        expectClose(got, expected, 1e-12, `kvBytesPerToken (${describe(c)}, ${bytes} B)`, diagnose(got, c, expected));
      }
    },
  },
  {
    name: 'kvBytesForContext: sliding-window layers keep at most their window',
    run(mod, { rng }) {
      const f = fn<(c: Config, t: number, b: number) => number>(mod, 'kvBytesForContext');
      const cases: Config[] = REAL_CONTEXT.map((r) => r.config);
      for (let n = 0; n < 150; n++)
        cases.push(rng.next() < 0.7 ? hybrid(rng) : rng.next() < 0.5 ? llamaLike(rng) : mla(rng));
      for (const c of cases) {
        const { bytes, precision } = rng.pick(PRECISIONS);
        const context = rng.pick([0, 1, rng.int(2, 200), rng.int(200, 20_000), rng.int(20_000, 200_000)]);
        const m = model(c);
        const expected = kvBytesForContext(m, context, precision);
        const got = f(structuredClone(c), context, bytes);
        const window = c.sliding_window as number | undefined;
        const ignoredWindow =
          typeof got === 'number' && context > 0 && Math.abs(got - context * kvBytesPerToken(m, precision)) < 1e-6;
        const hint =
          window !== undefined && context > window && ignoredWindow
            ? `Every layer was given all ${context} tokens, but sliding-attention layers keep only the last ${window}.`
            : diagnose(got, c, expected);
        const what = `kvBytesForContext (${describe(c)}${window ? `, window ${window}` : ''}, ${context} tokens, ${bytes} B)`;
        expectClose(got, expected, 1e-12, what, hint);
      }
    },
  },
];

export const mistake: Mistake = {
  what: 'MHA instead of GQA: query heads cached where only KV heads are',
  message: /KV heads \(num_key_value_heads\)/,
};
