// A queue's recording policy (docs/recordings.md): whether its answered calls
// are recorded and how many days a recording is kept after the call ends.
// GET / PUT /api/queues/{id}/recording; a queue never set records and keeps 90 days.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, Panel } from '../core/ui';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, parseRetentionDays } from '../recordings/logic';
import type { RecordingPolicy } from '../recordings/types';
import { AdminError } from './shared';

export function QueueRecording({ queue }: { queue: { id: number; name: string } }) {
  const [policy, setPolicy] = useState<RecordingPolicy | null>(null);
  const [record, setRecord] = useState(true);
  const [days, setDays] = useState('');
  const [check, setCheck] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const adopt = (p: RecordingPolicy) => {
    setPolicy(p);
    setRecord(p.record);
    setDays(String(p.retention_days));
  };

  useEffect(() => {
    api
      .get<RecordingPolicy>(`/api/queues/${queue.id}/recording`)
      .then((p) => {
        adopt(p);
        setLoadError(null);
      })
      .catch(setLoadError);
  }, [queue.id]);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const retention = parseRetentionDays(days);
    setCheck(retention === null);
    if (retention === null) return;
    setBusy(true);
    setError(null);
    try {
      adopt(await api.put<RecordingPolicy>(`/api/queues/${queue.id}/recording`, { record, retention_days: retention }));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const changed = policy !== null && (record !== policy.record || days.trim() !== String(policy.retention_days));

  return (
    <Panel title={t('admin.recording.title')}>
      {!policy && !loadError ? <p class="muted">{t('core.loading')}</p> : null}
      <AdminError error={loadError} />
      {policy ? (
        <form data-testid="queue-recording-form" onSubmit={save} noValidate>
          <label class="admin-check">
            <input
              type="checkbox"
              name="record"
              checked={record}
              onChange={(e) => {
                setRecord((e.target as HTMLInputElement).checked);
                setSaved(false);
              }}
            />
            {t('admin.recording.record')}
          </label>
          <label class={`field admin-retention ${check ? 'admin-invalid' : ''}`}>
            <span class="field-label">{t('admin.recording.retention')}</span>
            <input
              type="number"
              name="retention_days"
              inputMode="numeric"
              min={MIN_RETENTION_DAYS}
              max={MAX_RETENTION_DAYS}
              step={1}
              value={days}
              aria-invalid={check}
              onInput={(e) => {
                setDays((e.target as HTMLInputElement).value);
                setSaved(false);
              }}
            />
            {check ? (
              <span class="admin-field-error">{t('admin.v.range', { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })}</span>
            ) : (
              <span class="field-hint">{t('admin.recording.retention_hint')}</span>
            )}
          </label>
          {!record ? <p class="muted">{t('admin.recording.off_note')}</p> : null}
          <AdminError error={error} />
          {saved && !error ? (
            <p class="notice" role="status" data-testid="queue-recording-saved">
              {t('admin.recording.saved')}
            </p>
          ) : null}
          <div class="admin-actions">
            <Button type="submit" kind={changed ? 'primary' : 'plain'} disabled={busy} data-testid="queue-recording-save">
              {t('admin.recording.save')}
            </Button>
          </div>
        </form>
      ) : null}
    </Panel>
  );
}
