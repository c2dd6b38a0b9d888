// The script session of the current call, kept current: loaded on every desk
// or call change and on a language switch, replaced by the answer of every
// step the operator takes, and fed the training caller's lines from the
// socket. A change in flight holds back the reloads until its answer is in,
// so an older picture never overwrites a newer one.
import { batch, signal } from '@preact/signals';
import { api, query } from '../core/api';
import { lang } from '../core/i18n';
import type { PlaybookEntry } from './playbook';
import type { ScriptSession } from './scriptSession';

export const session = signal<ScriptSession | null>(null);
export const loadError = signal<unknown>(null);
// The last refused step (shown next to it); `step` names the step it was for.
export const stepError = signal<{ step: string; error: unknown } | null>(null);
export const stepBusy = signal(false);
// What the operator typed into a collect step, by run and step, kept until it is taken.
export const drafts = signal<Record<string, string>>({});

export const playbook = signal<PlaybookEntry[]>([]);
export const playbookError = signal<unknown>(null);
export const openError = signal<{ code: string; error: unknown } | null>(null);

let seq = 0; // the newest request sent
let posting = false;
let reloadWanted = false;

export function draftKey(code: string, step: string): string {
  return `${code}/${step}`;
}

export function setDraft(key: string, value: string): void {
  drafts.value = { ...drafts.value, [key]: value };
}

function dropDraft(key: string): void {
  if (!(key in drafts.value)) return;
  const next = { ...drafts.value };
  delete next[key];
  drafts.value = next;
}

function adopt(next: ScriptSession): void {
  batch(() => {
    const before = session.value?.call ?? null;
    if (next.call !== before) {
      drafts.value = {};
      stepError.value = null;
      openError.value = null;
    }
    // A reload that left before a line came on the socket must not drop that line.
    const had = session.value?.training?.lines ?? [];
    if (next.call === before && next.training && had.length > next.training.lines.length) {
      next = { ...next, training: { ...next.training, lines: had } };
    }
    session.value = next;
    loadError.value = null;
  });
}

export async function loadScript(): Promise<void> {
  if (posting) {
    reloadWanted = true;
    return;
  }
  const mine = ++seq;
  try {
    const s = await api.get<ScriptSession>(`/api/agent/script${query({ language: lang.value })}`);
    if (mine === seq && !posting) adopt(s);
  } catch (e) {
    if (mine === seq) loadError.value = e;
  }
}

// One step of the script (next / choose / back / forward, or the playbook's
// open and close): the answer is the new session. Returns whether it went.
export async function scriptStep(path: string, body: unknown, stepId: string, draft?: string): Promise<boolean> {
  if (posting) return false;
  posting = true;
  stepBusy.value = true;
  stepError.value = null;
  const mine = ++seq;
  try {
    // The language too: a script that starts with this change starts in the operator's.
    const withLang = body && typeof body === 'object' ? { language: lang.value, ...(body as object) } : body;
    const s = await api.post<ScriptSession>(path, withLang);
    if (draft) dropDraft(draft);
    if (mine === seq) adopt(s);
    return true;
  } catch (e) {
    stepError.value = { step: stepId, error: e };
    return false;
  } finally {
    posting = false;
    stepBusy.value = false;
    if (reloadWanted) {
      reloadWanted = false;
      void loadScript();
    }
  }
}

export async function loadPlaybook(): Promise<void> {
  try {
    playbook.value = await api.get<PlaybookEntry[]>(`/api/agent/playbook${query({ language: lang.value })}`);
    playbookError.value = null;
  } catch (e) {
    playbookError.value = e;
  }
}

export async function openSituation(code: string): Promise<boolean> {
  openError.value = null;
  const ok = await scriptStep(`/api/agent/playbook/${encodeURIComponent(code)}`, { language: lang.value }, `playbook:${code}`);
  if (!ok) {
    openError.value = { code, error: stepError.value?.error };
    stepError.value = null;
  }
  return ok;
}

export function closeSituation(): Promise<boolean> {
  return scriptStep('/api/agent/playbook/close', {}, 'situation-close');
}

// A line of the training caller from the socket: shown at once, the next load brings the server's list.
export function addTrainingLine(call: number, text: string, index?: number): void {
  const s = session.value;
  if (!s || s.call !== call) {
    void loadScript();
    return;
  }
  const training = s.training ?? { situation: '', lines: [] };
  if (index !== undefined && index < training.lines.length) return; // already here
  session.value = { ...s, training: { ...training, lines: [...training.lines, { text, at: new Date().toISOString() }] } };
}
