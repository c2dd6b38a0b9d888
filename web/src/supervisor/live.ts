// Hooks the live screens share: the picture kept current from the WebSocket,
// a clock that ticks every second, and data loaded once (queues' settings,
// teams and memberships) or every minute (today's series and figures).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../core/api';
import { onMessage } from '../core/ws';
import { applyAgentState, applyRealtime, type Picture } from './realtime';
import type { AgentStateMessage, Directory, QueueSettings, RealtimeMessage } from './types';
import { addRequeueAlert, liveRequeueAlerts, requeueAlertFrom, type RequeueAlert } from './alerts'; // issue #8

export function useLivePicture(): {
  picture: Picture | null;
  error: unknown;
  reload: () => void;
  // Applies a local change (an answer the server just gave) until the next message.
  update: (fn: (p: Picture | null) => Picture | null) => void;
} {
  const [picture, setPicture] = useState<Picture | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    api
      .get<RealtimeMessage>('/api/realtime')
      .then((snapshot) => {
        if (!alive) return;
        setError(null);
        // A message that came while the snapshot was on its way is newer only
        // for the rows it names; the snapshot is the whole picture.
        setPicture((p) => (p && p.at > snapshot.at ? p : applyRealtime(null, snapshot, Date.now())));
      })
      .catch((e) => alive && setError(e));
    const offRealtime = onMessage('realtime', (m) => {
      setError(null);
      setPicture((p) => applyRealtime(p, m as unknown as RealtimeMessage, Date.now()));
    });
    const offState = onMessage('agent_state', (m) => setPicture((p) => applyAgentState(p, m as unknown as AgentStateMessage)));
    // After a reconnect the server sends a full message within a second; the
    // snapshot covers the gap until then.
    const offOpen = onMessage('ws.open', () => setAttempt((n) => n + 1));
    return () => {
      alive = false;
      offRealtime();
      offState();
      offOpen();
    };
  }, [attempt]);
  return { picture, error, reload: () => setAttempt((n) => n + 1), update: (fn) => setPicture(fn) };
}

// Browser time, updated every `ms` (time in state, growing waits).
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

// GET `path` now and every `everyMs` (0: once); keeps the last good answer on an error.
export function usePolled<T>(path: string | null, everyMs = 0): { data: T | null; error: unknown; refresh: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const current = useRef(path);
  current.current = path;
  useEffect(() => {
    if (!path) return;
    let alive = true;
    api
      .get<T>(path)
      .then((d) => {
        if (!alive || current.current !== path) return;
        setData(d);
        setError(null);
      })
      .catch((e) => alive && setError(e));
    const timer = everyMs > 0 ? setInterval(() => setTick((n) => n + 1), everyMs) : undefined;
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [path, tick, everyMs]);
  return { data, error, refresh: () => setTick((n) => n + 1) };
}

export function useQueueSettings(): Record<number, QueueSettings> {
  const { data } = usePolled<QueueSettings[]>('/api/queues', 300_000);
  const out: Record<number, QueueSettings> = {};
  for (const q of data ?? []) out[q.id] = q;
  return out;
}

export function useDirectory(): { directory: Directory | null; error: unknown } {
  const { data, error } = usePolled<Directory>('/api/wallboard/directory', 300_000);
  return { directory: data, error };
}

// --- issue #8: requeue alerts from the socket, kept for a few minutes -------

export function useRequeueAlerts(): RequeueAlert[] {
  const [list, setList] = useState<RequeueAlert[]>([]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const off = onMessage('alert', (m) => {
      const alert = requeueAlertFrom(m, Date.now());
      if (alert) {
        setNow(Date.now());
        setList((l) => addRequeueAlert(liveRequeueAlerts(l, Date.now()), alert));
      }
    });
    return off;
  }, []);
  // A tick only while something is shown, so the alert goes when its time is up.
  const shown = liveRequeueAlerts(list, now);
  useEffect(() => {
    if (!list.length) return;
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, [list.length > 0]);
  return shown;
}
