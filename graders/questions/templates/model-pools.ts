// Which catalog models the chapter 26–34 questions draw from. Base models only (quantized uploads are variants).
import { BASE_MODELS } from '../../../src/engine/catalog/index.ts';

/** Dense models, any attention layout: questions about weights read per step. */
export const DENSE = BASE_MODELS.filter((m) => m.moe === null);

/**
 * Dense models whose every layer keeps per-head keys and values for the full context (MHA or GQA; no sliding
 * window, no MLA latent): questions whose worked steps spell out 2 × layers × KV heads × head dim × bytes.
 */
export const DENSE_FULL_KV = DENSE.filter((m) => !m.mla && m.layerWindows.every((w) => w === null));
