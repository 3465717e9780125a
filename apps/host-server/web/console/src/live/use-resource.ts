import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/host-request';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Loads again now (after an action of this page). */
  reload(): void;
}

/**
 * Loads `load()` now and again whenever `key` changes (a topic version, a filter). Keeps the
 * last good value while reloading or when a reload fails, so a page never blanks out in the
 * middle of a contest; the error is shown next to it. Answers of superseded loads are dropped.
 */
export function useResource<T>(load: () => Promise<T>, key: unknown): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [manual, setManual] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const serial = useRef(0);

  useEffect(() => {
    const mine = ++serial.current;
    setLoading(true);
    loadRef.current().then(
      (value) => { if (mine === serial.current) { setData(value); setError(null); setLoading(false); } },
      (err: unknown) => { if (mine === serial.current) { setError(errorText(err)); setLoading(false); } },
    );
  }, [key, manual]);

  const reload = useCallback(() => setManual((n) => n + 1), []);
  return { data, error, loading, reload };
}
