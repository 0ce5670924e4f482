import { z } from 'zod';
import { parseInput } from '../errors.ts';

const count = z.number().int().positive();

const SiglipConfig = z.looseObject({
  model_type: z.string().optional(),
  hidden_size: count,
  intermediate_size: count,
  num_hidden_layers: count,
  patch_size: count,
  image_size: count,
  num_channels: count.optional(),
  vision_use_head: z.boolean().optional(),
});

/**
 * Parameters of a SigLIP-style vision tower (Gemma 3's image encoder) plus the projector into the text model:
 * patch convolution, learned positions, pre-norm ViT layers (biased q/k/v/o and a two-layer MLP), a final norm.
 * The SigLIP-So400m tower of Gemma 3 has 416,866,032.
 */
export function siglipParams(raw: unknown, textHidden: number): { params: number; projector: number } {
  const v = parseInput(SiglipConfig, raw, 'config.json vision_config');
  const h = v.hidden_size;
  const channels = v.num_channels ?? 3;
  const patches = (v.image_size / v.patch_size) ** 2;
  const embed = channels * v.patch_size ** 2 * h + h + patches * h;
  const attention = 4 * (h * h + h);
  const mlp = h * v.intermediate_size + v.intermediate_size + v.intermediate_size * h + h;
  const perLayer = attention + mlp + 2 * 2 * h;
  const tower = embed + v.num_hidden_layers * perLayer + 2 * h;
  // Gemma 3's multi_modal_projector: an RMSNorm over vision features and a vision→text projection.
  const projector = h * textHidden + h;
  return { params: tower, projector };
}

/** Vision towers whose parameters the engine can count from their config. */
export function isSiglip(raw: Record<string, unknown>): boolean {
  return typeof raw.model_type === 'string' && raw.model_type.startsWith('siglip');
}
