import { migrate, UnreadableProgress } from './migrate.ts';
import { emptyProgress, type Progress } from './schema.ts';

/** The slice of the Web Storage API the store needs; tests pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const PROGRESS_KEY = 'goodput:progress';
export const SET_ASIDE_PREFIX = 'goodput:progress:set-aside:';

/** Data that could not be read, kept (not deleted) so nothing a learner did is silently lost. */
export interface SetAside {
  key: string;
  setAsideAt: string;
  reason: string;
  raw: string;
}

export interface Loaded {
  progress: Progress;
  /** Said to the learner when the stored data could not be used. */
  notice?: string;
}

/** Move unreadable data out of the way under its own key and explain what happened. */
function setAside(store: KeyValueStore, raw: string, reason: string, now: Date): string {
  const key = `${SET_ASIDE_PREFIX}${now.toISOString()}`;
  try {
    store.setItem(key, JSON.stringify({ setAsideAt: now.toISOString(), reason, raw }));
    store.removeItem(PROGRESS_KEY);
    return `Your saved progress could not be read because ${reason}. It was set aside (not deleted) and a fresh record was started; the progress page lets you download or discard it.`;
  } catch {
    return `Your saved progress could not be read because ${reason}, and this browser would not let us set it aside. Progress will not be saved until storage is cleared.`;
  }
}

export function loadProgress(store: KeyValueStore, now = new Date()): Loaded {
  let raw: string | null;
  try {
    raw = store.getItem(PROGRESS_KEY);
  } catch {
    return { progress: emptyProgress(), notice: 'This browser blocks local storage, so progress cannot be saved.' };
  }
  if (raw === null) return { progress: emptyProgress() };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { progress: emptyProgress(), notice: setAside(store, raw, 'it is not valid JSON', now) };
  }
  try {
    return { progress: migrate(data) };
  } catch (e) {
    if (!(e instanceof UnreadableProgress)) throw e;
    return { progress: emptyProgress(), notice: setAside(store, raw, e.message, now) };
  }
}

/** Save; false when storage refuses (quota, privacy mode), which callers may ignore. */
export function saveProgress(store: KeyValueStore, p: Progress): boolean {
  try {
    store.setItem(PROGRESS_KEY, JSON.stringify(p));
    return true;
  } catch {
    return false;
  }
}

export function listSetAside(store: KeyValueStore): SetAside[] {
  const out: SetAside[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(SET_ASIDE_PREFIX)) continue;
    try {
      const v = JSON.parse(store.getItem(key) ?? '') as Partial<SetAside>;
      out.push({
        key,
        setAsideAt: String(v.setAsideAt ?? ''),
        reason: String(v.reason ?? ''),
        raw: String(v.raw ?? ''),
      });
    } catch {
      out.push({ key, setAsideAt: '', reason: 'unknown', raw: store.getItem(key) ?? '' });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Read, change and save in one step. */
export function updateProgress(store: KeyValueStore, change: (p: Progress) => Progress): Loaded {
  const loaded = loadProgress(store);
  const next = change(loaded.progress);
  saveProgress(store, next);
  return { ...loaded, progress: next };
}
