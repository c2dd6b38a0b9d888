// Pausing the recording of the call in progress (docs/recordings.md): while
// the caller dictates card details the agent pauses it, then resumes. The
// desk's snapshot does not say whether a recording is paused, so the desk
// keeps what the server last answered for this call (in the tab's session
// storage too, so a reload mid-call still shows "paused").
import { signal } from '@preact/signals';
import { api } from '../core/api';
import { me } from '../core/session';
import type { RecordingPause } from '../recordings/types';

export interface RecordingMark {
  call: number;
  paused: boolean;
}

export const recordingMark = signal<RecordingMark | null>(null);
export const recordingError = signal<{ call: number; paused: boolean; error: unknown } | null>(null);
export const recordingBusy = signal(false);

// What the toggle shows for `call`: its state as last answered, the body the
// button sends, its label and the line under it (i18n keys).
export interface RecordingView {
  paused: boolean;
  next: boolean;
  label: string;
  status: string | null;
}

export function recordingView(mark: RecordingMark | null, call: number): RecordingView {
  const known = mark !== null && mark.call === call;
  const paused = known && mark!.paused;
  return {
    paused,
    next: !paused,
    label: paused ? 'agent.recording.resume' : 'agent.recording.pause',
    status: known ? (paused ? 'agent.recording.pausedNow' : 'agent.recording.resumedNow') : null,
  };
}

const storageKey = () => `cc.agent.recording.${me.value?.id ?? 0}`;

function keep(mark: RecordingMark | null): void {
  recordingMark.value = mark;
  try {
    if (mark) globalThis.sessionStorage?.setItem(storageKey(), JSON.stringify(mark));
    else globalThis.sessionStorage?.removeItem(storageKey());
  } catch {
    // storage unavailable: the state lasts as long as the tab
  }
}

// After a reload: the mark kept for `call`, if it is still that call.
export function restoreRecordingMark(call: number): void {
  if (recordingMark.value?.call === call) return;
  try {
    const saved = JSON.parse(globalThis.sessionStorage?.getItem(storageKey()) ?? 'null') as RecordingMark | null;
    if (saved && saved.call === call && typeof saved.paused === 'boolean') recordingMark.value = saved;
  } catch {
    // nothing kept
  }
}

// Asks the server to pause (true) or resume (false) the recording of `call`.
export async function setRecordingPaused(call: number, paused: boolean): Promise<boolean> {
  if (recordingBusy.value) return false;
  recordingBusy.value = true;
  recordingError.value = null;
  try {
    const answer = await api.post<RecordingPause>('/api/agent/recording', { paused });
    keep({ call: answer.call_id || call, paused: answer.paused });
    return true;
  } catch (e) {
    recordingError.value = { call, paused, error: e };
    return false;
  } finally {
    recordingBusy.value = false;
  }
}
