"""Decode step time against batch size, on a model built from its config with random weights (nothing downloaded).

Each step feeds one new token to every sequence of a batch whose KV cache already holds `context` tokens, as a
serving engine's decode step does. The cache is filled with random values: the arithmetic and the bytes read are
those of a real cache of that length, and no prefill has to run first. transformers runs the model eagerly, one
kernel launch after another, so small batches also pay launch overhead that engines with CUDA graphs avoid.
"""

from .timing import median_and_best, time_ms


def build_model(torch, transformers, values: dict, device):
    cfg = dict(values)
    model_type = cfg.pop("model_type")
    for key in ("torch_dtype", "dtype", "transformers_version", "architectures", "quantization_config"):
        cfg.pop(key, None)
    config = transformers.AutoConfig.for_model(model_type, **cfg)
    with torch.device(device):
        model = transformers.AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16, attn_implementation="sdpa")
    return model.eval(), config


def measure_step(torch, transformers, model, config, device, batch: int, context: int, iterations: int, warmup: int = 3) -> dict:
    kv_heads = getattr(config, "num_key_value_heads", None) or config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
    cache = transformers.DynamicCache()
    for layer in range(config.num_hidden_layers):
        shape = (batch, kv_heads, context, head_dim)
        cache.update(
            torch.randn(shape, dtype=torch.bfloat16, device=device),
            torch.randn(shape, dtype=torch.bfloat16, device=device),
            layer,
        )
    tokens = torch.randint(0, config.vocab_size, (batch, 1), device=device)
    positions = torch.full((batch, 1), context, device=device)
    cache_position = torch.tensor([context], device=device)

    def step():
        model(input_ids=tokens, past_key_values=cache, position_ids=positions, cache_position=cache_position, use_cache=True)
        cache.crop(context)  # drop the token just added, so every step sees the same context

    try:
        with torch.inference_mode():
            samples = time_ms(torch, step, iterations, warmup)
    finally:
        del cache
        torch.cuda.empty_cache()
    median_ms, best_ms = median_and_best(samples)
    return {"step_ms_median": median_ms, "step_ms_best": best_ms}
