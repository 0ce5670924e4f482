// The course as the progress page and the drill see it: chapters and labs whose pages exist, and the topics.
import { TOPICS } from '../../../graders/questions/topics.ts';
import { LABS } from '../../../labs/registry.ts';
import { OUTLINE } from '../../course/outline.ts';
import type { CourseMap } from '../../progress/advice.ts';
import { pageExists as exists } from '../questions/study-links.ts';

/** Built at build time (Node), passed to the page as JSON. Chapters are the numbered parts 0–8. */
export function courseMap(): CourseMap {
  const chapters = OUTLINE.filter((p) => p.label.startsWith('Part '))
    .flatMap((p) => p.entries)
    .filter((e) => exists(e.slug));
  const labs = LABS.map((l) => ({ id: l.manifest.id, title: l.manifest.title, slug: `labs/${l.manifest.id}` })).filter(
    (l) => exists(l.slug),
  );
  // A topic whose chapter is not written yet has no chapter to point at ("" means none).
  return { chapters, labs, topics: TOPICS.map((t) => ({ ...t, chapter: exists(t.chapter) ? t.chapter : '' })) };
}
