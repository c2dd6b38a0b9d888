// The scripts area's addresses:
//   /scripts                      the list and the queues' scripts
//   /scripts/edit/<code>/<lang>   one script in the editor
//   /scripts/analytics            step and situation use
//   /scripts/training             practice calls (S-17)
import type { Language } from './types';

export type ScriptsPlace =
  | { view: 'list' }
  | { view: 'edit'; code: string; language: Language }
  | { view: 'analytics' }
  | { view: 'training' };

export function placeOf(path: string): ScriptsPlace {
  const parts = path.replace(/\/+$/, '').split('/').slice(2).map((p) => decodeURIComponent(p));
  if (parts[0] === 'analytics') return { view: 'analytics' };
  if (parts[0] === 'training') return { view: 'training' };
  if (parts[0] === 'edit' && parts[1]) {
    return { view: 'edit', code: parts[1], language: parts[2] === 'en' ? 'en' : 'ru' };
  }
  return { view: 'list' };
}

export function editPath(code: string, language: Language): string {
  return `/scripts/edit/${encodeURIComponent(code)}/${language}`;
}
