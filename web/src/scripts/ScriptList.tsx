// The scripts and playbook situations of the company (latest version of
// each code and language), a form to start a new one, and which script each
// queue runs.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { lang, t } from '../core/i18n';
import { dateTime } from '../core/format';
import { me } from '../core/session';
import { Badge, Button, Empty, ErrorNote, Field, Panel } from '../core/ui';
import { loadScripts, mayEdit, queueName, scripts, scriptsError, scriptsLoaded, tenant, tenantQueues } from './data';
import { assignable, matches, scriptOfQueue, sortRows } from './listing';
import { newDraft } from './model';
import { editPath } from './routes';
import { send } from './request';
import { keep, keyOf } from './drafts';
import type { Language, ScriptKind } from './types';

export default function ScriptList() {
  const { route } = useLocation();
  const [needle, setNeedle] = useState('');
  const [creating, setCreating] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const edit = mayEdit(me.value!.role);

  useEffect(() => {
    void loadScripts();
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
        return;
      }
      // j/k (or ↓/↑ on the list) move along the scripts; Enter opens the one in focus.
      const links = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid=script-row] a')];
      const at = links.indexOf(document.activeElement as HTMLAnchorElement);
      const onList = at >= 0;
      const step = e.key === 'j' || (onList && e.key === 'ArrowDown') ? 1 : e.key === 'k' || (onList && e.key === 'ArrowUp') ? -1 : 0;
      if (!step || !links.length) return;
      e.preventDefault();
      const next = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
      links[next].focus();
      links[next].scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const rows = sortRows(scripts.value.filter((r) => matches(r, needle)));
  const ofKind = (kind: ScriptKind) => rows.filter((r) => r.kind === kind);

  return (
    <div class="sc-list-page">
      <Panel
        title={t('scripts.list.title')}
        class="sc-list"
        actions={
          <>
            <label class="sc-search">
              <span class="sr-only">{t('scripts.list.search')}</span>
              <input
                ref={search}
                type="search"
                placeholder={t('scripts.list.search')}
                value={needle}
                onInput={(e) => setNeedle((e.target as HTMLInputElement).value)}
              />
            </label>
            {edit ? (
              <Button kind="primary" onClick={() => setCreating(!creating)} aria-expanded={creating} data-testid="new-script">
                {t('scripts.list.new')}
              </Button>
            ) : null}
          </>
        }
      >
        {creating ? (
          <NewScriptForm
            onCancel={() => setCreating(false)}
            onCreate={(code, kind, language, name) => {
              keep(keyOf(tenant.value!, code, language), { code, kind, draft: newDraft(tenant.value!, language, name, kind), base: 0 });
              route(editPath(code, language));
            }}
          />
        ) : null}
        <p class="sc-keys muted small">
          <kbd>/</kbd> {t('scripts.keys.search')} · <kbd>j</kbd> <kbd>k</kbd> {t('scripts.keys.move')} · <kbd>Enter</kbd> {t('scripts.keys.open')}
        </p>
        <ErrorNote error={scriptsError.value} />
        {!scriptsLoaded.value ? <p class="muted">{t('scripts.loading')}</p> : null}
        {scriptsLoaded.value && !rows.length && !scriptsError.value ? <Empty>{t('scripts.list.none')}</Empty> : null}
        {rows.length ? (
          <table class="grid sc-table" data-testid="scripts-list">
            <thead>
              <tr>
                <th scope="col">{t('scripts.list.code')}</th>
                <th scope="col">{t('scripts.list.name')}</th>
                <th scope="col">{t('scripts.list.language')}</th>
                <th scope="col" class="num">{t('scripts.list.version')}</th>
                <th scope="col">{t('scripts.list.updated')}</th>
                <th scope="col">{t('scripts.list.queues')}</th>
              </tr>
            </thead>
            {(['script', 'situation'] as const).map((kind) =>
              ofKind(kind).length ? (
                <tbody>
                  <tr class="sc-group">
                    <th colSpan={6} scope="colgroup">
                      {t(`scripts.kind.${kind}s`)}
                    </th>
                  </tr>
                  {ofKind(kind).map((r) => (
                    <tr
                      class="clickable"
                      data-testid="script-row"
                      data-code={r.code}
                      data-language={r.language}
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a')) return;
                        route(editPath(r.code, r.language));
                      }}
                    >
                      <td class="sc-code">
                        <a href={editPath(r.code, r.language)}>{r.code}</a>
                      </td>
                      <td>{r.name}</td>
                      <td>
                        <Badge>{r.language.toUpperCase()}</Badge>
                      </td>
                      <td class="num">{r.version}</td>
                      <td class="muted">{dateTime(r.updated_at, lang.value)}</td>
                      <td>{r.queues?.length ? r.queues.map((q) => <Badge tone="queue">{queueName(q)}</Badge>) : <span class="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              ) : null,
            )}
          </table>
        ) : null}
      </Panel>
      <QueueScripts edit={edit} />
    </div>
  );
}

function NewScriptForm({ onCreate, onCancel }: {
  onCreate: (code: string, kind: ScriptKind, language: Language, name: string) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<ScriptKind>('script');
  const [language, setLanguage] = useState<Language>(lang.value);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: Event) => {
    e.preventDefault();
    const c = code.trim();
    if (!/^[A-Za-z0-9_-]+$/.test(c)) return setProblem(t('scripts.new.bad_code'));
    if (!name.trim()) return setProblem(t('scripts.new.no_name'));
    if (scripts.value.some((r) => r.code === c && r.language === language)) return setProblem(t('scripts.new.exists'));
    onCreate(c, kind, language, name.trim());
  };

  return (
    <form class="sc-new" onSubmit={submit} aria-label={t('scripts.list.new')}>
      <div class="row">
        <Field label={t('scripts.list.code')} hint={t('scripts.new.code_hint')}>
          <input ref={first} name="code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('scripts.list.name')}>
          <input name="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('scripts.new.kind')}>
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as ScriptKind)}>
            <option value="script">{t('scripts.kind.script')}</option>
            <option value="situation">{t('scripts.kind.situation')}</option>
          </select>
        </Field>
        <Field label={t('scripts.list.language')}>
          <select value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value as Language)}>
            <option value="ru">RU</option>
            <option value="en">EN</option>
          </select>
        </Field>
      </div>
      {problem ? <p class="error-note" role="alert">{problem}</p> : null}
      <div class="row">
        <Button kind="primary" type="submit">
          {t('scripts.new.open')}
        </Button>
        <Button onClick={onCancel}>{t('scripts.cancel')}</Button>
      </div>
    </form>
  );
}

// Which script each queue of the company runs; supervisors and admins change it here.
function QueueScripts({ edit }: { edit: boolean }) {
  const [busy, setBusy] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<number, unknown>>({});
  const [saved, setSaved] = useState<number | null>(null);
  const list = tenantQueues();
  const options = assignable(scripts.value, lang.value);

  const assign = async (queue: number, code: string) => {
    setBusy(queue);
    setSaved(null);
    const answer = await send('PUT', `/api/queues/${queue}/script`, { code: code || null });
    setBusy(null);
    setErrors({ ...errors, [queue]: answer.ok ? null : answer.error });
    if (answer.ok) {
      setSaved(queue);
      await loadScripts();
    }
  };

  return (
    <Panel title={t('scripts.queues.title')} class="sc-queues">
      {!list.length ? <Empty /> : null}
      <ul class="sc-queue-list">
        {list.map((q) => {
          const current = scriptOfQueue(scripts.value, q.id);
          return (
            <li>
              <label class="sc-queue">
                <span class="sc-queue-name">{q.name}</span>
                <select
                  data-testid="queue-assign"
                  data-queue-id={String(q.id)}
                  value={current}
                  disabled={!edit || busy === q.id}
                  onChange={(e) => void assign(q.id, (e.target as HTMLSelectElement).value)}
                >
                  <option value="">{t('scripts.queues.none')}</option>
                  {options.map((o) => (
                    <option value={o.code}>
                      {o.code} — {o.name}
                    </option>
                  ))}
                  {current && !options.some((o) => o.code === current) ? <option value={current}>{current}</option> : null}
                </select>
              </label>
              {saved === q.id ? <span class="sc-saved" role="status">{t('scripts.queues.saved')}</span> : null}
              <ErrorNote error={errors[q.id]} />
            </li>
          );
        })}
      </ul>
      {!edit ? <p class="muted small">{t('scripts.readonly')}</p> : null}
    </Panel>
  );
}
