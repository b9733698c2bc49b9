// Loads something from the API for a page, and loads it again when its inputs change or the page asks (after an action).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, type ApiClient } from '../api/api-client.js';
import { useApi } from '../session.js';

export interface Resource<T> {
  readonly data: T | null;
  readonly error: ApiProblem | null;
  readonly loading: boolean;
  reload(): void;
}

/** `load` runs with the session's client whenever one of `deps` changes; an older answer never overwrites a newer one. */
export function useResource<T>(load: (api: ApiClient) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<{ data: T | null; error: ApiProblem | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load(api).then(
      (data) => call === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => call === latest.current && setState((s) => ({ data: s.data, error: asProblem(error), loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, generation, ...deps]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem ? error : new ApiProblem(0, 'Error', error instanceof Error ? error.message : String(error));
}
