// "Which technique fixes this symptom?" drawn from the corrected cheat sheet (src/course/cheat-sheet.ts), the same
// rows the chapter's table and chooser show, so the question and the page can never disagree.
import { CHEAT_ROWS, type CheatRow } from '../../../src/course/cheat-sheet.ts';
import type { ChoiceTemplate } from '../template.ts';

interface Draw {
  row: string;
  distractors: string[];
}

const byId = (id: string) => CHEAT_ROWS.find((r) => r.id === id) as CheatRow;

/** A distractor must answer a different kind of problem, so exactly one option fits the symptom. */
const unrelated = (a: CheatRow, b: CheatRow) => a.signal !== b.signal && a.chapter !== b.chapter;

const lower = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

export const techniqueForSymptom: ChoiceTemplate<Draw> = {
  kind: 'choice',
  id: 'cheat-sheet/technique',
  topic: 'cheat-sheet',
  title: 'Which technique fixes this symptom?',
  generate(rng) {
    const row = rng.pick(CHEAT_ROWS);
    const pool = CHEAT_ROWS.filter((r) => unrelated(r, row));
    const distractors: string[] = [];
    while (distractors.length < 3) {
      const r = rng.pick(pool);
      if (!distractors.includes(r.id)) distractors.push(r.id);
    }
    return { row: row.id, distractors };
  },
  text(p) {
    return `Symptom: ${byId(p.row).symptom} Which technique addresses it?`;
  },
  options(p) {
    const right = byId(p.row);
    return [right, ...p.distractors.map(byId)].map((r) => ({
      label: r.technique,
      correct: r.id === right.id,
      explanation:
        r.id === right.id
          ? `Right. What it costs: ${lower(r.cost)}`
          : `That answers a different symptom: ${lower(r.symptom)}`,
    }));
  },
  solve(p) {
    const r = byId(p.row);
    const steps = [`${r.technique} (settings: ${r.settings.join(', ') || 'none'}).`, `Cost: ${r.cost}`];
    if (r.correction) steps.push(`Some cheat sheets say “${r.correction.says}”. ${r.correction.why}`);
    return { steps };
  },
};

export const CHEAT_SHEET_TEMPLATES = [techniqueForSymptom];
