// What the author changed and has not published yet, kept while they move
// between the list, analytics and the editor (nothing typed is lost by
// looking elsewhere). A new script starts here too (base 0) before its
// first publish.
import type { Draft } from './model';
import type { ScriptKind } from './types';

export interface Unsaved {
  code: string;
  kind: ScriptKind;
  draft: Draft;
  base: number; // the version the edit started from (0 for a new script)
}

const unsaved = new Map<string, Unsaved>();

export function keyOf(tenant: number, code: string, language: string): string {
  return `${tenant}:${code}:${language}`;
}

export function keep(key: string, value: Unsaved): void {
  unsaved.set(key, value);
}

export function kept(key: string): Unsaved | undefined {
  return unsaved.get(key);
}

export function drop(key: string): void {
  unsaved.delete(key);
}
