import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../src/progress/schema.ts';
import {
  listSetAside,
  loadProgress,
  PROGRESS_KEY,
  SET_ASIDE_PREFIX,
  saveProgress,
  updateProgress,
} from '../../src/progress/store.ts';
import { exportProgress, importProgress } from '../../src/progress/transfer.ts';
import { withAnswer, withChapterRead, withExam, withLabPassed } from '../../src/progress/update.ts';
import { MemoryStore } from './memory-store.ts';

const sample = () =>
  withLabPassed(
    withChapterRead(withAnswer(withAnswer(emptyProgress(), 'kv-sizing', true), 'kv-sizing', false), 'job/metrics'),
    'decode-ceiling',
  );

describe('progress store', () => {
  it('starts empty and survives a reload (save, then load from the same storage)', () => {
    const store = new MemoryStore();
    expect(loadProgress(store)).toEqual({ progress: emptyProgress() });
    saveProgress(store, sample());
    const again = loadProgress(store);
    expect(again.notice).toBeUndefined();
    expect(again.progress.topics['kv-sizing']).toEqual({ answered: 2, correct: 1, recent: [true, false] });
    expect(again.progress.chapters).toEqual(['job/metrics']);
    expect(again.progress.labs).toEqual(['decode-ceiling']);
  });

  it('counts answers per topic and records a chapter or lab once', () => {
    const p = withChapterRead(withChapterRead(sample(), 'job/metrics'), 'job/metrics');
    expect(p.chapters).toEqual(['job/metrics']);
    expect(withLabPassed(p, 'decode-ceiling').labs).toEqual(['decode-ceiling']);
  });

  it('keeps only the latest ten outcomes per topic and the last fifty exams', () => {
    let p = emptyProgress();
    for (let i = 0; i < 25; i++) p = withAnswer(p, 'units', i % 3 === 0);
    expect(p.topics.units?.answered).toBe(25);
    expect(p.topics.units?.recent).toEqual(Array.from({ length: 10 }, (_, i) => (i + 15) % 3 === 0));
    for (let i = 0; i < 60; i++) {
      p = withExam(p, { date: `d${i}`, blueprint: 'full', seed: i, correct: 20, total: 30, passed: false });
    }
    expect(p.exams).toHaveLength(50);
    expect(p.exams[0]?.seed).toBe(10);
  });

  const bad: [string, string, RegExp][] = [
    ['truncated JSON', '{"version":1,"chapters":[', /not valid JSON/],
    ['another app', '{"theme":"dark"}', /not Goodput progress/],
    ['a JSON string', '"hello"', /not Goodput progress/],
    ['a newer format', '{"version":99,"chapters":[]}', /newer version of Goodput/],
    ['a nonsense version', '{"version":"one"}', /not one Goodput ever wrote/],
    [
      'more right than answered',
      '{"version":1,"chapters":[],"labs":[],"topics":{"kv-sizing":{"answered":1,"correct":5}}}',
      /damaged.*correct must not exceed answered/,
    ],
    ['a wrong type', '{"version":1,"chapters":"all","labs":[],"topics":{}}', /damaged \(chapters/],
    [
      'a history longer than the answers',
      '{"version":2,"chapters":[],"labs":[],"exams":[],"topics":{"units":{"answered":1,"correct":1,"recent":[true,true]}}}',
      /recent outcomes cannot outnumber answers/,
    ],
  ];
  for (const [what, raw, reason] of bad) {
    it(`sets aside ${what} with a message instead of crashing, and keeps the raw data`, () => {
      const store = new MemoryStore();
      store.setItem(PROGRESS_KEY, raw);
      const { progress, notice } = loadProgress(store, new Date('2026-01-02T03:04:05Z'));
      expect(progress).toEqual(emptyProgress());
      expect(notice).toMatch(reason);
      expect(notice).toMatch(/set aside \(not deleted\)/);
      expect(store.getItem(PROGRESS_KEY)).toBeNull();
      const aside = listSetAside(store);
      expect(aside).toHaveLength(1);
      expect(aside[0]?.raw).toBe(raw);
      expect(aside[0]?.key).toBe(`${SET_ASIDE_PREFIX}2026-01-02T03:04:05.000Z`);
      // The next change starts a fresh record that loads cleanly.
      updateProgress(store, (p) => withAnswer(p, 'units', true));
      expect(loadProgress(store)).toEqual({ progress: withAnswer(emptyProgress(), 'units', true) });
    });
  }

  it('explains when the browser refuses storage, and never throws', () => {
    const store = new MemoryStore();
    store.failReads = true;
    expect(loadProgress(store).notice).toMatch(/blocks local storage/);
    const full = new MemoryStore();
    full.failWrites = true;
    expect(saveProgress(full, sample())).toBe(false);
    expect(() => updateProgress(full, (p) => withAnswer(p, 'units', true))).not.toThrow();
  });
});

describe('export and import', () => {
  it('round-trips through a file onto a fresh profile', () => {
    const text = exportProgress(sample(), new Date('2026-03-04T00:00:00Z'));
    const fresh = new MemoryStore();
    const r = importProgress(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.exportedAt).toBe('2026-03-04T00:00:00.000Z');
    saveProgress(fresh, r.progress);
    expect(loadProgress(fresh).progress).toEqual(sample());
  });

  it('rejects files that are not exports, or damaged ones, with a reason', () => {
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['{"version":1,"chapters":[],"labs":[],"topics":{}}', /not a Goodput progress export/],
      ['{"format":"goodput-progress","exportedAt":"x","progress":{"version":7}}', /newer version/],
      ['{"format":"goodput-progress","exportedAt":"x","progress":{"version":1,"chapters":5}}', /damaged/],
    ];
    for (const [text, why] of cases) {
      const r = importProgress(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(why);
    }
  });
});
