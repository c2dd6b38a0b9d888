// The consult on the desk's call, in words: whom the operator consults and
// what they may do about it. The desk says whom by id or number; the name the
// operator picked is remembered here for as long as that consult lasts.
import { signal } from '@preact/signals';
import type { DeskConsult } from './types';

// The name picked in the transfer panel, for the consult it started.
export const consultLabel = signal<{ key: string; text: string } | null>(null);

export function consultKey(c: { to: string; agent?: number; queue?: number; number?: string }): string {
  return `${c.to}:${c.agent ?? c.queue ?? c.number ?? ''}`;
}

export function rememberConsult(body: { to: string; agent?: number; queue?: number; number?: string }, text: string): void {
  consultLabel.value = text ? { key: consultKey(body), text } : null;
}

// Whom the operator consults, for the consult bar: the name picked in the
// transfer panel, else the number, the queue's name or "a colleague".
export function consultWho(
  consult: DeskConsult,
  queueName: (id: number) => string,
  colleague: string,
  remembered: { key: string; text: string } | null = consultLabel.value,
): string {
  if (remembered && remembered.key === consultKey(consult)) return remembered.text;
  if (consult.to === 'external') return consult.number ?? '';
  if (consult.to === 'queue' && consult.queue) return queueName(consult.queue);
  return colleague;
}
