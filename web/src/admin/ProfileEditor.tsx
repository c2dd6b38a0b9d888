// An agent's routing profile: skills with levels and queues with tiers.
// Saved with PUT /api/users/{id}/profile; the live centre applies it at once.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Button, ErrorNote, Panel } from '../core/ui';
import type { User } from './forms';
import { queues, reload, skills } from './data';

interface Profile {
  skills: { skill: number; level: number }[];
  queues: { queue: number; tier: number }[];
  team_lead_queue: number | null;
}

// Rows for the editor: every skill / queue of the user's companies, with a tick.
export interface ProfileRows {
  skills: Record<number, { on: boolean; level: string }>;
  queues: Record<number, { on: boolean; tier: string }>;
}

export function profileToRows(p: Profile): ProfileRows {
  const rows: ProfileRows = { skills: {}, queues: {} };
  for (const s of p.skills) rows.skills[s.skill] = { on: true, level: String(s.level) };
  for (const q of p.queues) rows.queues[q.queue] = { on: true, tier: String(q.tier) };
  return rows;
}

export function rowsToProfile(rows: ProfileRows, teamLeadQueue: number | null): Profile | string {
  const out: Profile = { skills: [], queues: [], team_lead_queue: teamLeadQueue };
  for (const [id, s] of Object.entries(rows.skills)) {
    if (!s.on) continue;
    const level = Number(s.level);
    if (!Number.isInteger(level) || level < 1 || level > 10) return 'admin.profile.level_range';
    out.skills.push({ skill: Number(id), level });
  }
  for (const [id, q] of Object.entries(rows.queues)) {
    if (!q.on) continue;
    const tier = Number(q.tier);
    if (!Number.isInteger(tier) || tier < 1 || tier > 9) return 'admin.profile.tier_range';
    out.queues.push({ queue: Number(id), tier });
  }
  return out;
}

export function ProfileEditor({ user }: { user: User }) {
  const takesCalls = user.role === 'operator' || user.role === 'team_lead';
  const [profile, setProfile] = useState<Profile | null>(null);
  const [rows, setRows] = useState<ProfileRows>({ skills: {}, queues: {} });
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!takesCalls) return;
    Promise.all([api.get<Profile>(`/api/users/${user.id}/profile`), reload.skills(), reload.queues()])
      .then(([p]) => {
        setProfile(p);
        setRows(profileToRows(p));
      })
      .catch(setError);
  }, [user.id, takesCalls]);

  if (!takesCalls) return null;

  const mySkills = skills.value.filter((s) => user.tenants.includes(s.tenant));
  const myQueues = queues.value.filter((q) => user.tenants.includes(q.tenant));

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const body = rowsToProfile(rows, profile?.team_lead_queue ?? null);
    if (typeof body === 'string') {
      setCheck(t(body));
      return;
    }
    setCheck('');
    setBusy(true);
    setError(null);
    try {
      const p = await api.put<Profile>(`/api/users/${user.id}/profile`, body);
      setProfile(p);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const setSkill = (id: number, patch: Partial<{ on: boolean; level: string }>) =>
    setRows((r) => ({ ...r, skills: { ...r.skills, [id]: { ...(r.skills[id] ?? { on: false, level: '1' }), ...patch } } }));
  const setQueue = (id: number, patch: Partial<{ on: boolean; tier: string }>) =>
    setRows((r) => ({ ...r, queues: { ...r.queues, [id]: { ...(r.queues[id] ?? { on: false, tier: '1' }), ...patch } } }));

  return (
    <Panel title={t('admin.profile.title')}>
      {!profile && !error ? <p class="muted">{t('core.loading')}</p> : null}
      {profile ? (
        <form data-testid="admin-profile-form" onSubmit={save} noValidate>
          <div class="admin-two">
            <table class="grid admin-compact">
              <thead>
                <tr>
                  <th>{t('admin.profile.skill')}</th>
                  <th>{t('admin.profile.level')}</th>
                </tr>
              </thead>
              <tbody>
                {mySkills.map((s) => {
                  const row = rows.skills[s.id] ?? { on: false, level: '1' };
                  return (
                    <tr>
                      <td>
                        <label class="admin-check">
                          <input type="checkbox" checked={row.on} onChange={(e) => setSkill(s.id, { on: (e.target as HTMLInputElement).checked })} />
                          {s.name}
                        </label>
                      </td>
                      <td>
                        <input class="admin-num" type="number" min={1} max={10} disabled={!row.on} aria-label={`${t('admin.profile.level')}: ${s.name}`} value={row.level} onInput={(e) => setSkill(s.id, { level: (e.target as HTMLInputElement).value })} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <table class="grid admin-compact">
              <thead>
                <tr>
                  <th>{t('admin.profile.queue')}</th>
                  <th title={t('admin.profile.tier_hint')}>{t('admin.profile.tier')}</th>
                </tr>
              </thead>
              <tbody>
                {myQueues.map((q) => {
                  const row = rows.queues[q.id] ?? { on: false, tier: '1' };
                  return (
                    <tr>
                      <td>
                        <label class="admin-check">
                          <input type="checkbox" checked={row.on} onChange={(e) => setQueue(q.id, { on: (e.target as HTMLInputElement).checked })} />
                          {q.name}
                        </label>
                      </td>
                      <td>
                        <input class="admin-num" type="number" min={1} max={9} disabled={!row.on} aria-label={`${t('admin.profile.tier')}: ${q.name}`} value={row.tier} onInput={(e) => setQueue(q.id, { tier: (e.target as HTMLInputElement).value })} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="field-hint">{t('admin.profile.tier_hint')}</p>
          {check ? <p class="error-note" role="alert">{check}</p> : null}
          {saved ? <p class="notice" role="status">{t('admin.profile.saved')}</p> : null}
          <Button type="submit" disabled={busy}>{t('admin.profile.save')}</Button>
        </form>
      ) : null}
      <ErrorNote error={error} />
    </Panel>
  );
}
