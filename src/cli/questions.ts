import { parseArgs } from 'node:util';
import { generate, getTemplate, grade, referenceAnswer, TEMPLATES } from '../../graders/questions/bank.ts';
import type { Question } from '../../graders/questions/schema.ts';
import { canonicalTopic, TOPICS } from '../../graders/questions/topics.ts';
import { type Command, type Io, UsageError } from './command.ts';

const HELP = `goodput questions — inspect and check the question bank

Usage:
  goodput questions list [--topic <id>] [--json]
  goodput questions generate --template <id> --seed <n> [--reveal] [--json]
  goodput questions grade --template <id> --seed <n> --answer <text> [--json]

list       topics and the templates in each
generate   print the question a template draws from a seed (--reveal adds the reference answer)
grade      grade an answer to that question and print the verdict with the worked solution

Answers: a number with an optional unit ("70.5 GB", "12 ms"), an option letter ("b"), or item letters in
order ("c,a,d,b"). The same seed always gives the same question, in the page, the exam and here.
"grade" exits with status 0 when the answer is right and 1 when it is not.`;

function flags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        template: { type: 'string' },
        seed: { type: 'string' },
        answer: { type: 'string' },
        topic: { type: 'string' },
        reveal: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Values = ReturnType<typeof flags>['values'];

function question(v: Values): Question {
  if (v.template === undefined) throw new UsageError('--template <id> is required (goodput questions list shows them)');
  if (v.seed === undefined) throw new UsageError('--seed <n> is required');
  const seed = Number(v.seed);
  if (!/^\d+$/.test(v.seed) || !Number.isSafeInteger(seed) || seed > 2 ** 32 - 1) {
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got "${v.seed}")`);
  }
  try {
    getTemplate(v.template);
  } catch (e) {
    throw new UsageError(`--template: ${(e as Error).message}`);
  }
  return generate(v.template, seed);
}

function showQuestion(q: Question): string[] {
  const lines = [`[${q.templateId} · seed ${q.seed} · topic ${q.topic}]`, q.text];
  const a = q.answer;
  if (a.kind === 'number') lines.push(`Answer in ${a.unit || 'a plain number'} (±${a.tolerance * 100}%).`);
  if (a.kind === 'choice') for (const o of a.options) lines.push(`  (${o.id}) ${o.label}`);
  if (a.kind === 'order') {
    lines.push('Order these, first to last (answer with the letters, e.g. "c,a,b"):');
    for (const i of a.items) lines.push(`  (${i.id}) ${i.label}`);
  }
  return lines;
}

function list(v: Values, io: Io): number {
  const topics = v.topic === undefined ? TOPICS : TOPICS.filter((t) => t.id === v.topic);
  if (topics.length === 0) throw new UsageError(`--topic: unknown topic "${v.topic}"`);
  const rows = topics.map((t) => ({
    ...t,
    templates: TEMPLATES.filter((x) => canonicalTopic(x.topic) === t.id).map((x) => ({
      id: x.id,
      title: x.title,
      kind: x.kind ?? 'number',
    })),
  }));
  if (v.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const lines = [`${TEMPLATES.length} templates in ${TOPICS.length} topics`];
  for (const t of rows) {
    lines.push('', `${t.label} (${t.id}) — taught in ${t.chapter}`);
    for (const x of t.templates) lines.push(`  ${x.id.padEnd(44)} ${x.kind.padEnd(7)} ${x.title}`);
  }
  io.out(lines.join('\n'));
  return 0;
}

export const questions: Command = {
  name: 'questions',
  summary: 'List, generate and grade questions from the bank',
  help: HELP,
  async run(argv, io) {
    const { positionals, values: v } = flags(argv);
    const [sub, extra] = positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (sub === 'list') return list(v, io);
    if (sub === 'generate') {
      const q = question(v);
      const ref = v.reveal ? referenceAnswer(q) : undefined;
      if (v.json) io.out(JSON.stringify(ref === undefined ? q : { ...q, referenceAnswer: ref }, null, 2));
      else io.out([...showQuestion(q), ...(ref === undefined ? [] : [`Reference answer: ${ref}`])].join('\n'));
      return 0;
    }
    if (sub === 'grade') {
      const q = question(v);
      if (v.answer === undefined) throw new UsageError('--answer <text> is required');
      const verdict = grade(q, v.answer);
      if (v.json) io.out(JSON.stringify({ question: q, answer: v.answer, verdict }, null, 2));
      else {
        const lines = [...showQuestion(q), '', `${verdict.correct ? '✓' : '✗'} ${verdict.message}`];
        for (const o of verdict.options ?? []) lines.push(`  (${o.id}) ${o.correct ? '✓' : ' '} ${o.explanation}`);
        lines.push('Worked solution:', ...verdict.solution.map((s, i) => `  ${i + 1}. ${s}`));
        io.out(lines.join('\n'));
      }
      return verdict.correct ? 0 : 1;
    }
    throw new UsageError(
      sub === undefined
        ? 'say what to do: list, generate or grade'
        : `unknown subcommand "${sub}"; use list, generate or grade`,
    );
  },
};
