import type { Locator } from 'playwright-core';
import type { Question } from '../../graders/questions/schema.ts';

/** Answer one rendered question the way a learner would: type, pick, or move items with the arrow buttons. */
export async function answerQuestion(item: Locator, q: Question, answer: string): Promise<void> {
  const a = q.answer;
  if (a.kind === 'number') {
    await item.locator('input[name="answer"]').fill(answer);
    return;
  }
  if (a.kind === 'choice') {
    await item.locator(`input[type="radio"][value="${answer}"]`).check();
    return;
  }
  const wanted = answer.split(',');
  for (let target = 0; target < wanted.length; target++) {
    const ids = await item.locator('.gp-order li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id));
    const from = ids.indexOf(wanted[target]);
    const up = item.locator(`.gp-order li[data-id="${wanted[target]}"] button[data-move="up"]`);
    for (let k = from; k > target; k--) await up.click();
  }
}
