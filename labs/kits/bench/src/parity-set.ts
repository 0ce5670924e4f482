// The parity eval: short questions with one exact answer each, asked few-shot through /v1/completions with
// greedy decoding. Small enough to run in seconds; fixed, so two runs (before and after an optimization) can be
// compared answer by answer. Arithmetic answers are checked against the expressions in the kit's tests.

export interface ParityItem {
  q: string;
  a: string;
}

export const PARITY_EVAL = 'goodput-parity-v1';

/** Worked examples placed before every question (not scored). */
export const PARITY_SHOTS: readonly ParityItem[] = [
  { q: 'What is 3 + 4?', a: '7' },
  { q: 'What is the capital of Spain?', a: 'Madrid' },
  { q: 'How many legs does a spider have?', a: '8' },
];

export const PARITY_ITEMS: readonly ParityItem[] = [
  { q: 'What is 17 + 25?', a: '42' },
  { q: 'What is 48 + 37?', a: '85' },
  { q: 'What is 123 + 456?', a: '579' },
  { q: 'What is 90 - 38?', a: '52' },
  { q: 'What is 205 - 117?', a: '88' },
  { q: 'What is 12 * 11?', a: '132' },
  { q: 'What is 9 * 8?', a: '72' },
  { q: 'What is 25 * 4?', a: '100' },
  { q: 'What is 144 / 12?', a: '12' },
  { q: 'What is 81 / 9?', a: '9' },
  { q: 'What is 15 * 15?', a: '225' },
  { q: 'What is 1000 - 1?', a: '999' },
  { q: 'What is 7 * 6 + 5?', a: '47' },
  { q: 'What is 2 to the power of 10?', a: '1024' },
  { q: 'What is half of 86?', a: '43' },
  { q: 'What is 30 + 30 + 30?', a: '90' },
  { q: 'What is the capital of France?', a: 'Paris' },
  { q: 'What is the capital of Japan?', a: 'Tokyo' },
  { q: 'What is the capital of Italy?', a: 'Rome' },
  { q: 'What is the capital of Canada?', a: 'Ottawa' },
  { q: 'What is the capital of Australia?', a: 'Canberra' },
  { q: 'What is the capital of Egypt?', a: 'Cairo' },
  { q: 'What is the capital of Kenya?', a: 'Nairobi' },
  { q: 'What is the capital of Peru?', a: 'Lima' },
  { q: 'How many days are in a week?', a: '7' },
  { q: 'How many minutes are in an hour?', a: '60' },
  { q: 'How many hours are in 3 days?', a: '72' },
  { q: 'How many seconds are in 5 minutes?', a: '300' },
  { q: 'How many centimetres are in 3 metres?', a: '300' },
  { q: 'How many grams are in 2 kilograms?', a: '2000' },
  { q: 'How many months are in 2 years?', a: '24' },
  { q: 'How many sides does a hexagon have?', a: '6' },
  { q: 'What is the chemical symbol for gold?', a: 'Au' },
  { q: 'What is the chemical symbol for sodium?', a: 'Na' },
  { q: 'What is the plural of mouse?', a: 'mice' },
  { q: 'What is the next number: 2, 4, 8, 16?', a: '32' },
  { q: 'What is the next number: 1, 4, 9, 16?', a: '25' },
  { q: 'How many letters are in the word planet?', a: '6' },
  { q: 'What is the word cat spelled backwards?', a: 'tac' },
  { q: 'Which planet is closest to the Sun?', a: 'Mercury' },
];

export function parityPrompt(item: ParityItem): string {
  const shots = PARITY_SHOTS.map((s) => `Q: ${s.q}\nA: ${s.a}\n\n`).join('');
  return `Answer with one word or number.\n\n${shots}Q: ${item.q}\nA:`;
}

/** The answer in a reply: its first line, trimmed, without a trailing full stop; null when empty. */
export function extractAnswer(reply: string): string | null {
  const first = reply.trim().split('\n')[0]?.trim().replace(/\.$/, '').trim() ?? '';
  return first.length > 0 ? first : null;
}

/** Exact match, ignoring case and thousands separators (1,024 = 1024). */
export function isCorrect(answer: string | null, expected: string): boolean {
  if (answer === null) return false;
  const norm = (s: string) => s.toLowerCase().replace(/(\d),(?=\d{3}\b)/g, '$1');
  return norm(answer) === norm(expected);
}
