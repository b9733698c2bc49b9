// Keyset paging: the cursors of the pages seen so far, so "previous" goes back without the server counting rows.
import { useCallback, useState } from 'react';

export function useCursorPages() {
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    hasPrevious: cursors.length > 1,
    next: useCallback((cursor: string) => setCursors((c) => [...c, cursor]), []),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reset: useCallback(() => setCursors([null]), []),
  };
}
