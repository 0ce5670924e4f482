// Digits that may appear in chapter prose without coming from the engine, each with the reason it is not a figure.
// Anything else numeric in prose must be an MDX expression from the chapter's facts module, math, or code.
import { CATALOG_MODELS, GPUS } from '../../src/engine/catalog/index.ts';
import type { Allowance } from './prose.ts';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Catalog names and their everyday short forms ("Llama 3.3 70B" for "Llama 3.3 70B Instruct"). */
const names = [
  ...CATALOG_MODELS.flatMap((m) => [m.name, m.name.replace(/\s+(?:Instruct|v\d+(?:\.\d+)*)$/, '')]),
  ...GPUS.flatMap((g) => [g.name, g.name.split(' ').slice(0, 2).join(' ')]),
];

export const GLOBAL_ALLOWANCES: Allowance[] = [
  {
    pattern: new RegExp(
      [...new Set(names)]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    ),
    reason: 'model and GPU names from the catalog',
  },
  { pattern: /\b(?:Llama|Qwen|Gemma|Mistral|Phi)\s\d+(?:\.\d+)?/g, reason: 'model family names' },
  {
    pattern: /\b(?:[Cc]hapters?|[Pp]arts?|[Ll]abs?|[Ss]teps?|[Tt]ests?)\s+\d+(?:\s*(?:[–-]|and|or|,)\s*\d+)*/g,
    reason: 'cross-references to numbered chapters, parts, labs, steps and the placement tests',
  },
  { pattern: /^\s*\d+\.\s/g, reason: 'ordered-list numbering' },
  { pattern: /\b(?:4|8|16|32)-bit\b/g, reason: 'bit widths name number formats, as BF16 and INT4 do' },
  { pattern: /\bbatch 1\b/g, reason: '“batch 1” names the single-stream regime, like “batch-1 decode”' },
  { pattern: /\b\d{2}(?:st|nd|rd|th) percentile/g, reason: 'a percentile’s name (the 95th percentile is p95)' },
];

/** Per-chapter exceptions: the exact text, and why it is not a figure the engine should supply. */
export const CHAPTER_ALLOWANCES: Record<string, Allowance[]> = {};
