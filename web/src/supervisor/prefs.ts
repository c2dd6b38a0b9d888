// The grid's filters, order and not-ready reason, kept per screen in the
// browser so a reload (or a shift tomorrow) opens the same view.
import { useEffect, useState } from 'preact/hooks';
import { noFilter, type GridFilter, type SortKey } from './grid';

export interface GridPrefs {
  filter: GridFilter;
  sort: SortKey;
  reason: string;
}

const defaults: GridPrefs = { filter: noFilter, sort: 'name', reason: 'break' };

export function readPrefs(raw: string | null): GridPrefs {
  if (!raw) return defaults;
  try {
    const p = JSON.parse(raw) as Partial<GridPrefs>;
    const f = (p.filter ?? {}) as Partial<GridFilter>;
    return {
      filter: {
        team: typeof f.team === 'number' ? f.team : null,
        queue: typeof f.queue === 'number' ? f.queue : null,
        state: null, // a quick look, not a setting
        text: '',
        hideLoggedOut: f.hideLoggedOut === true,
      },
      sort: p.sort === 'state' || p.sort === 'time' ? p.sort : 'name',
      reason: typeof p.reason === 'string' ? p.reason : 'break',
    };
  } catch {
    return defaults;
  }
}

export function useGridPrefs(key: string): [GridPrefs, (p: Partial<GridPrefs>) => void] {
  const [prefs, setPrefs] = useState<GridPrefs>(() => {
    try {
      return readPrefs(globalThis.localStorage?.getItem(key) ?? null);
    } catch {
      return defaults;
    }
  });
  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(key, JSON.stringify(prefs));
    } catch {
      // storage unavailable: the view just starts fresh next time
    }
  }, [key, prefs]);
  return [prefs, (p) => setPrefs((old) => ({ ...old, ...p }))];
}
