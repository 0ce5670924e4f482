import { z } from 'zod';

/** How many questions a topic contributes, drawn from the listed templates. */
export interface BlueprintEntry {
  topic: string;
  count: number;
  /** Listed explicitly so that new templates added to the bank never change an existing exam's questions. */
  templates: string[];
}

export interface Blueprint {
  id: string;
  title: string;
  minutes: number;
  /** Share of questions to answer correctly to pass. */
  passMark: number;
  /** A practice blueprint is not the certification exam; its certificate says so. */
  practice: boolean;
  entries: BlueprintEntry[];
}

export const BlueprintId = z.enum(['full', 'short']);
export type BlueprintId = z.infer<typeof BlueprintId>;

const FULL: Blueprint = {
  id: 'full',
  title: 'Certification exam',
  minutes: 60,
  passMark: 0.8,
  practice: false,
  entries: [
    { topic: 'decode-ceiling', count: 10, templates: ['memory-wall/decode-ceiling', 'memory-wall/decode-step-time'] },
    { topic: 'weight-memory', count: 10, templates: ['memory-wall/weight-memory'] },
    { topic: 'diagnostic-flow', count: 10, templates: ['diagnostic-flow/order', 'diagnostic-flow/which-step'] },
  ],
};

/** Five questions in ten minutes: a practice run of the whole flow (and what the browser tests take). */
const SHORT: Blueprint = {
  id: 'short',
  title: 'Practice exam (short)',
  minutes: 10,
  passMark: 0.8,
  practice: true,
  entries: [
    { topic: 'decode-ceiling', count: 2, templates: ['memory-wall/decode-ceiling'] },
    { topic: 'weight-memory', count: 1, templates: ['memory-wall/weight-memory'] },
    { topic: 'diagnostic-flow', count: 2, templates: ['diagnostic-flow/order', 'diagnostic-flow/which-step'] },
  ],
};

export const BLUEPRINTS: Record<BlueprintId, Blueprint> = { full: FULL, short: SHORT };

export function questionCount(b: Blueprint): number {
  return b.entries.reduce((n, e) => n + e.count, 0);
}
