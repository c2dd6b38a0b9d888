// The ring of an incoming offer: a soft two-note chime made with WebAudio
// (no audio files), repeated every two seconds until stopped. Browsers only
// let a page make sound after the user has done something on it, so the
// audio context is unlocked on the first click or key press.
let context: AudioContext | null = null;
let timer: ReturnType<typeof setInterval> | undefined;

const storageKey = 'cc.agent.sound';

export function soundOn(): boolean {
  try {
    return globalThis.localStorage?.getItem(storageKey) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundOn(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(storageKey, on ? 'on' : 'off');
  } catch {
    // storage unavailable
  }
  if (!on) stopRing();
}

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = (globalThis as unknown as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext })
    .AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    context = null;
  }
  return context;
}

export function unlockAudio(): void {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
}

function note(ctx: AudioContext, freq: number, start: number, length: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + length + 0.05);
}

function chime(): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const t = ctx.currentTime;
  note(ctx, 880, t, 0.35);
  note(ctx, 660, t + 0.4, 0.45);
}

export function startRing(): void {
  stopRing();
  if (!soundOn()) return;
  unlockAudio();
  chime();
  timer = setInterval(chime, 2000);
}

export function stopRing(): void {
  clearInterval(timer);
  timer = undefined;
}
