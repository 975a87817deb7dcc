/**
 * One way for a page to show something it loads: loading, then the value or what went wrong.
 * `reload()` loads again and keeps showing the current value meanwhile (a store event, a button),
 * while a change of `deps` starts over from "loading". An answer that arrives after a newer load
 * began, or after the component went away, is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../shared/errors';

export type AsyncState<T> = { phase: 'loading' } | { phase: 'ready'; value: T } | { phase: 'error'; message: string };

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): { state: AsyncState<T>; reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ phase: 'loading' });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((fresh: boolean) => {
    const id = ++latest.current;
    if (fresh) setState({ phase: 'loading' });
    loadRef
      .current()
      .then((value) => id === latest.current && setState({ phase: 'ready', value }))
      .catch((error: unknown) => id === latest.current && setState({ phase: 'error', message: errorMessage(error) }));
  }, []);

  useEffect(() => {
    run(true);
    return () => {
      latest.current++;
    };
    // The caller's deps decide when to start over.
  }, deps);

  const reload = useCallback(() => run(false), [run]);
  return { state, reload };
}
