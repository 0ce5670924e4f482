import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/progress/migrate.ts';
import { PROGRESS_VERSION } from '../../src/progress/schema.ts';
import { loadProgress, PROGRESS_KEY } from '../../src/progress/store.ts';
import { importProgress } from '../../src/progress/transfer.ts';
import { MemoryStore } from './memory-store.ts';

// A record exactly as version 1 of the site wrote it (commit "Progress: versioned zod schema …").
const v1 = {
  version: 1,
  chapters: ['physics/memory-wall', 'job/metrics'],
  topics: { 'kv-sizing': { answered: 4, correct: 3 }, units: { answered: 1, correct: 0 } },
  labs: ['decode-ceiling'],
};

describe('progress migration', () => {
  it('brings a version-1 record to the current version, keeping every count', () => {
    const p = migrate(structuredClone(v1));
    expect(p.version).toBe(PROGRESS_VERSION);
    expect(p.chapters).toEqual(v1.chapters);
    expect(p.labs).toEqual(v1.labs);
    expect(p.topics['kv-sizing']).toEqual({ answered: 4, correct: 3, recent: [] });
    expect(p.topics.units).toEqual({ answered: 1, correct: 0, recent: [] });
    expect(p.exams).toEqual([]);
  });

  it('migrates a stored version-1 record on load, and a version-1 export on import', () => {
    const store = new MemoryStore();
    store.setItem(PROGRESS_KEY, JSON.stringify(v1));
    const { progress, notice } = loadProgress(store);
    expect(notice).toBeUndefined();
    expect(progress.version).toBe(PROGRESS_VERSION);
    expect(progress.topics['kv-sizing']?.answered).toBe(4);
    const r = importProgress(JSON.stringify({ format: 'goodput-progress', exportedAt: 'then', progress: v1 }));
    expect(r.ok && r.progress.version).toBe(PROGRESS_VERSION);
  });

  it('leaves a current record as it is', () => {
    const current = migrate(structuredClone(v1));
    expect(migrate(JSON.parse(JSON.stringify(current)))).toEqual(current);
  });
});
