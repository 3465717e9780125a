import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftKey } from '../../shared/bridge';
import type { DraftStore } from '../lib/platform';

/** Autosave delay after the last keystroke (well within the one second promised). */
export const AUTOSAVE_DELAY_MS = 300;

export type SaveState = { kind: 'saved'; atMs: number | null } | { kind: 'unsaved' } | { kind: 'failed'; message: string };

export interface Buffers {
  /** null while the draft of `key` is loading. */
  initialText: string | null;
  saveState: SaveState;
  /** The current text of the buffer. */
  text(): string;
  change(text: string): void;
  /** Saves now what is waiting for the autosave timer. */
  flush(): Promise<void>;
}

const bufferId = (k: DraftKey) => `${k.contestId}\u0000${k.problemId}\u0000${k.languageId}`;

/**
 * Editor buffers keyed by (contest, problem, language): restored from the draft store when first
 * opened, saved `AUTOSAVE_DELAY_MS` after typing stops, and at once when switching buffers or
 * leaving the page. A save failure is shown, never ignored.
 */
export function useBuffers(store: DraftStore, key: DraftKey): Buffers {
  const texts = useRef(new Map<string, string>());
  const pending = useRef<{ key: DraftKey; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved', atMs: null });
  const id = bufferId(key);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const job = pending.current;
    if (job === null) return;
    pending.current = null;
    try {
      await store.save(job.key, job.text);
      if (pending.current === null) setSaveState({ kind: 'saved', atMs: Date.now() });
    } catch (err) {
      setSaveState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, [store]);

  useEffect(() => {
    let cancelled = false;
    void flush();
    if (texts.current.has(id)) {
      setLoadedId(id);
      return;
    }
    setLoadedId(null);
    store.load(key).then(
      (draft) => {
        if (cancelled) return;
        texts.current.set(id, draft?.text ?? '');
        setSaveState({ kind: 'saved', atMs: draft?.savedMs ?? null });
        setLoadedId(id);
      },
      () => {
        if (cancelled) return;
        texts.current.set(id, '');
        setLoadedId(id);
      },
    );
    return () => { cancelled = true; };
    // `key` is represented by `id`.
  }, [id, store, flush]);

  useEffect(() => {
    const leave = () => { void flush(); };
    window.addEventListener('pagehide', leave);
    window.addEventListener('beforeunload', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('beforeunload', leave);
      void flush();
    };
  }, [flush]);

  return {
    initialText: loadedId === id ? texts.current.get(id) ?? '' : null,
    saveState,
    text: () => texts.current.get(id) ?? '',
    change(text: string) {
      texts.current.set(id, text);
      pending.current = { key, text };
      setSaveState({ kind: 'unsaved' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    flush,
  };
}
