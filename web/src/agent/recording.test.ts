import { describe, expect, it } from 'vitest';
import { recordingView } from './recording';

describe('the recording toggle', () => {
  it('offers to pause a call nothing is known about, and says nothing yet', () => {
    expect(recordingView(null, 5)).toEqual({ paused: false, next: true, label: 'agent.recording.pause', status: null });
  });

  it('offers to resume a paused call and says it is paused', () => {
    expect(recordingView({ call: 5, paused: true }, 5)).toEqual({
      paused: true,
      next: false,
      label: 'agent.recording.resume',
      status: 'agent.recording.pausedNow',
    });
    expect(recordingView({ call: 5, paused: false }, 5).status).toBe('agent.recording.resumedNow');
  });

  it('forgets a pause of the previous call', () => {
    const view = recordingView({ call: 4, paused: true }, 5);
    expect(view.paused).toBe(false);
    expect(view.next).toBe(true);
    expect(view.status).toBeNull();
  });
});
