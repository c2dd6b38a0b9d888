// One script (code + language) in the editor: the steps as forms, checked by
// the server as the author types (each problem shown at its step), a
// preview that walks the draft, publishing as a new version, older versions
// to look at, and JSON in and out.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, query } from '../core/api';
import { t } from '../core/i18n';
import { me } from '../core/session';
import { Badge, Button, ErrorNote, Field } from '../core/ui';
import { loadScripts, mayEdit, queueName, tenant, tenantQueues } from './data';
import { drop, keep, kept, keyOf } from './drafts';
import {
  addStep,
  findStep,
  fromJson,
  graphOrder,
  moveStep,
  parseImport,
  referencesTo,
  removeStep,
  renameStep,
  toJson,
  updateStep,
  type Draft,
  type Reference,
} from './model';
import { placeProblems, problemsIn } from './problems';
import { editPath } from './routes';
import { send } from './request';
import { StepForm } from './StepForm';
import { Preview } from './Preview';
import type { Language, Problem, ScriptJson, ScriptKind, ScriptVersion, Step } from './types';

const VALIDATE_DELAY_MS = 400;

let categoriesCache: { code: string; label: string; tenant_id?: number }[] | null = null;

export default function Editor({ code, language }: { code: string; language: Language }) {
  const { route } = useLocation();
  const tenantId = tenant.value!;
  const key = keyOf(tenantId, code, language);
  const readOnly = !mayEdit(me.value!.role);
  const saved = kept(key);

  const [draft, setDraftState] = useState<Draft | null>(saved?.draft ?? null);
  const [kind, setKind] = useState<ScriptKind>(saved?.kind ?? 'script');
  const [base, setBase] = useState<number>(saved?.base ?? 0);
  const [dirty, setDirty] = useState(!!saved);
  const [versions, setVersions] = useState<number[]>([]);
  const [latest, setLatest] = useState(0);
  const [queues, setQueues] = useState<number[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [published, setPublished] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const [focusStep, setFocusStep] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  // A question before something that drops unpublished changes.
  const [ask, setAsk] = useState<{ text: string; yes: string; run: () => void | Promise<void> } | null>(null);
  const askYes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask) askYes.current?.focus();
  }, [ask]);
  const [categories, setCategories] = useState(categoriesCache ?? []);
  const checkSeq = useRef(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  // The server's copy: the latest version, or `version`.
  const load = async (version?: number, replace = true) => {
    setLoadError(null);
    try {
      const answer = await api.get<ScriptVersion>(
        `/api/scripts/${encodeURIComponent(code)}${query({ tenant_id: tenantId, language, version })}`,
      );
      setVersions(answer.versions ?? [answer.version]);
      setLatest(Math.max(answer.version, ...(answer.versions ?? [])));
      setQueues(answer.queues ?? []);
      setKind(answer.kind);
      if (replace) {
        setDraftState(graphOrder(fromJson(answer.script)));
        setNotice('');
        setBase(answer.version);
        setDirty(false);
        drop(key);
      }
    } catch (e) {
      setLoadError(e);
    }
  };

  useEffect(() => {
    // A kept draft stays as it was; the server still tells the versions.
    if (!saved) void load();
    else if (saved.base > 0) void load(undefined, false);
    if (!categoriesCache) {
      api
        .get<{ code: string; label: string; tenant_id?: number }[]>('/api/case-categories')
        .then((list) => {
          categoriesCache = list;
          setCategories(list);
        })
        .catch(() => undefined);
    }
  }, []);

  // Leaving the page with unpublished changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);

  const setDraft = (next: Draft) => {
    setDraftState(next);
    setDirty(true);
    setPublished(null);
    keep(key, { code, kind, draft: next, base });
  };

  // The server checks the draft a moment after each change.
  useEffect(() => {
    if (!draft || readOnly) return;
    const seq = ++checkSeq.current;
    setChecking(true);
    const timer = setTimeout(async () => {
      const answer = await send('POST', '/api/scripts/validate', { script: toJson(draft) });
      if (seq !== checkSeq.current) return;
      setChecking(false);
      const list = problemsIn(answer.body);
      if (list) {
        setProblems(list);
        setCheckError(null);
      } else {
        setCheckError(answer.ok ? null : answer.error);
        if (!answer.ok) setProblems([]);
      }
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const stepIds = useMemo(() => draft?.steps.map((s) => s.id) ?? [], [draft]);
  const placed = useMemo(() => placeProblems(problems, stepIds), [problems, stepIds]);

  if (!draft) {
    return (
      <div class="sc-editor" data-testid="script-editor">
        <p>
          <a href="/scripts">← {t('scripts.editor.back')}</a>
        </p>
        {loadError ? <ErrorNote error={loadError} /> : <p class="muted">{t('scripts.loading')}</p>}
      </div>
    );
  }

  const change = (id: string, step: Step) => setDraft(updateStep(draft, id, step));

  const publish = async () => {
    setPublishing(true);
    setPublishError(null);
    setPublished(null);
    const answer = await send('POST', '/api/scripts', { tenant_id: tenantId, code, kind, script: toJson(draft) });
    setPublishing(false);
    if (!answer.ok) {
      const list = problemsIn(answer.body);
      if (list) setProblems(list);
      setPublishError(answer.error);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const body = (answer.body ?? {}) as Partial<ScriptVersion>;
    const version = body.version ?? body.script?.version ?? latest + 1;
    setPublished(version);
    drop(key);
    setDirty(false);
    if (draft.language !== language) {
      route(editPath(code, draft.language));
    } else {
      await load();
      setPublished(version);
    }
    void loadScripts();
  };

  const showVersion = (version: number) => {
    const open = async () => {
      setPublished(null);
      await load(version);
    };
    if (dirty) setAsk({ text: t('scripts.editor.discard_confirm'), yes: t('scripts.editor.open_version', { n: version }), run: open });
    else void open();
  };

  const discard = () =>
    setAsk({
      text: t('scripts.editor.discard_confirm'),
      yes: t('scripts.editor.discard'),
      run: async () => {
        drop(key);
        if (base > 0) await load(base);
        else route('/scripts');
      },
    });

  const exportJson = () => {
    const json = JSON.stringify(toJson(draft), null, 2);
    const blob = new Blob([json + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${code}.${draft.language}.v${draft.version}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const describeCleared = (refs: Reference[]) =>
    refs
      .map((r) => (r.where === 'start' ? t('scripts.ref.start') : r.where === 'option' ? t('scripts.ref.option', { step: r.from, n: (r.option ?? 0) + 1 }) : r.from))
      .join(', ');

  const viewingOld = base > 0 && base < latest;
  return (
    <div class="sc-editor" data-testid="script-editor" data-code={code} data-language={draft.language}>
      <div class="sc-editor-top">
        <a href="/scripts" class="sc-back">
          ← {t('scripts.editor.back')}
        </a>
        <h1 class="sc-title">
          <span class="sc-code">{code}</span>
          <Badge>{draft.language.toUpperCase()}</Badge>
          <Badge tone={kind === 'situation' ? 'situation' : 'queue'}>{t(`scripts.kind.${kind}`)}</Badge>
        </h1>
        <label class="sc-inline sc-version">
          <span>{t('scripts.editor.version')}</span>
          <select
            data-testid="script-version"
            value={String(base)}
            disabled={!versions.length}
            onChange={(e) => {
              const select = e.target as HTMLSelectElement;
              const version = Number(select.value);
              select.value = String(base); // stays until the version is really opened
              showVersion(version);
            }}
          >
            {base === 0 ? <option value="0">{t('scripts.editor.unpublished')}</option> : null}
            {[...versions].sort((a, b) => b - a).map((n) => (
              <option value={String(n)}>{n === latest ? t('scripts.editor.version_latest', { n }) : String(n)}</option>
            ))}
          </select>
        </label>
        {dirty ? <Badge tone="warn">{t('scripts.editor.unsaved')}</Badge> : null}
        <div class="sc-editor-actions">
          {dirty && !readOnly ? <Button onClick={discard}>{t('scripts.editor.discard')}</Button> : null}
          {!readOnly ? (
            <Button data-testid="import-json" onClick={() => setImporting(!importing)} aria-expanded={importing}>
              {t('scripts.editor.import')}
            </Button>
          ) : null}
          <Button data-testid="export-json" onClick={exportJson}>
            {t('scripts.editor.export')}
          </Button>
          {!readOnly ? (
            <Button kind="primary" data-testid="publish" onClick={() => void publish()} disabled={publishing}>
              {publishing ? t('scripts.editor.publishing') : t('scripts.editor.publish')}
            </Button>
          ) : null}
        </div>
      </div>
      {ask ? (
        <div class="notice sc-ask" role="alert">
          <span>{ask.text}</span>
          <button
            type="button"
            class="btn btn-danger sc-small"
            ref={askYes}
            onClick={() => {
              const run = ask.run;
              setAsk(null);
              void run();
            }}
          >
            {ask.yes}
          </button>
          <Button class="sc-small" onClick={() => setAsk(null)}>
            {t('scripts.cancel')}
          </Button>
        </div>
      ) : null}
      {published !== null ? (
        <p class="notice sc-published" role="status">
          {t('scripts.editor.published')} <strong data-testid="published-version">{published}</strong>
        </p>
      ) : null}
      {viewingOld ? <p class="notice">{t('scripts.editor.old_version', { n: base, latest })}</p> : null}
      {readOnly ? <p class="notice">{t('scripts.readonly')}</p> : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}{' '}
          <button type="button" class="sc-link" onClick={() => setNotice('')}>
            {t('scripts.close')}
          </button>
        </p>
      ) : null}
      <ErrorNote error={loadError} />
      {importing ? (
        <ImportPanel
          onCancel={() => setImporting(false)}
          onLoad={(json) => {
            const next = graphOrder(fromJson({ ...json, tenant_id: tenantId, language: json.language === 'en' || json.language === 'ru' ? json.language : draft.language }));
            setDraft({ ...next, version: draft.version, id: draft.id });
            setImporting(false);
            setNotice(t('scripts.import.loaded', { n: next.steps.length }));
          }}
        />
      ) : null}

      <div class="sc-head-fields">
        <Field label={t('scripts.editor.name')} class="sc-grow">
          <input name="script-name" value={draft.name} readOnly={readOnly} onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })} />
        </Field>
        <Field label={t('scripts.editor.start')}>
          <select name="start" value={draft.start} disabled={readOnly} onChange={(e) => setDraft({ ...draft, start: (e.target as HTMLSelectElement).value })}>
            <option value="">{t('scripts.field.nowhere')}</option>
            {stepIds.map((id) => (
              <option value={id}>{id}</option>
            ))}
            {draft.start && !stepIds.includes(draft.start) ? <option value={draft.start}>{t('scripts.field.missing', { id: draft.start })}</option> : null}
          </select>
        </Field>
        {kind === 'script' ? (
          <div class="sc-queues-of">
            <span class="field-label">{t('scripts.list.queues')}</span>
            <span>{queues.length ? queues.map((q) => <Badge tone="queue">{queueName(q)}</Badge>) : <span class="muted">—</span>}</span>
          </div>
        ) : null}
      </div>

      {readOnly ? null : (
        <div
          class={`sc-summary ${placed.count ? 'bad' : checking || checkError ? '' : 'ok'}`}
          data-testid="problems-summary"
          data-count={String(placed.count)}
          data-state={checking ? 'checking' : checkError ? 'error' : placed.count ? 'bad' : 'ok'}
          tabIndex={-1}
          ref={summaryRef}
          aria-live="polite"
        >
          <ErrorNote error={publishError} />
          {checkError ? <ErrorNote error={checkError} /> : null}
          {placed.count ? (
            <>
              <strong>{t('scripts.problems.count', { n: placed.count })}</strong>
              <ul>
                {placed.general.map((p) => (
                  <li>{p.step ? `${p.step}: ${p.message}` : p.message}</li>
                ))}
                {stepIds
                  .filter((id) => placed.byStep[id])
                  .map((id) => (
                    <li>
                      <button type="button" class="sc-link" onClick={() => setFocusStep(id)}>
                        {id}
                      </button>
                      : {placed.byStep[id].join('; ')}
                    </li>
                  ))}
              </ul>
            </>
          ) : checking ? (
            <span class="muted">{t('scripts.problems.checking')}</span>
          ) : !checkError ? (
            <span>{t('scripts.problems.none')}</span>
          ) : null}
        </div>
      )}

      <div class="sc-editor-grid">
        <nav class="sc-outline" aria-label={t('scripts.editor.outline')}>
          <ol>
            {draft.steps.map(({ id, step }) => (
              <li>
                <button type="button" class={`sc-outline-item ${placed.byStep[id] ? 'bad' : ''}`} onClick={() => setFocusStep(id)}>
                  <span class="sc-outline-id">{id}</span>
                  <span class="sc-outline-kind">{draft.start === id ? '▶ ' : ''}{t(`scripts.stepkind.${step.kind}`)}</span>
                  {placed.byStep[id] ? <span class="sc-outline-bad" aria-label={t('scripts.problems.count', { n: placed.byStep[id].length })}>!</span> : null}
                </button>
              </li>
            ))}
          </ol>
          {!readOnly ? (
            <Button
              data-testid="add-step"
              onClick={() => {
                const added = addStep(draft, 'say');
                setDraft(added.draft);
                setFocusStep(added.id);
              }}
            >
              {t('scripts.editor.add_step')}
            </Button>
          ) : null}
        </nav>

        <div class="sc-steps">
          {draft.steps.map(({ id, step }, index) => (
            <StepForm
              key={id}
              id={id}
              step={step}
              index={index}
              count={draft.steps.length}
              isStart={draft.start === id}
              stepIds={stepIds}
              problems={placed.byStep[id] ?? []}
              references={referencesTo(draft, id).filter((r) => r.where !== 'start')}
              readOnly={readOnly}
              focus={focusStep === id}
              categories={categories}
              queues={tenantQueues()}
              onFocused={() => setFocusStep(null)}
              onChange={(s) => change(id, s)}
              onNewTarget={(apply) => {
                const added = addStep(draft, 'say', id);
                setDraft(updateStep(added.draft, id, apply(added.id)));
                setFocusStep(added.id);
              }}
              onRename={(to) => {
                const result = renameStep(draft, id, to);
                if ('error' in result) return result.error;
                setDraft(result.draft);
                return null;
              }}
              removeWarning={(() => {
                const refs = referencesTo(draft, id).filter((r) => r.from !== id);
                return refs.length ? t('scripts.editor.remove_confirm', { id, list: describeCleared(refs) }) : '';
              })()}
              onRemove={() => {
                const result = removeStep(draft, id);
                setDraft(result.draft);
                setNotice(result.cleared.length ? t('scripts.editor.removed_cleared', { id, list: describeCleared(result.cleared) }) : t('scripts.editor.removed', { id }));
              }}
              onMove={(by) => setDraft(moveStep(draft, id, by))}
              onMakeStart={() => setDraft({ ...draft, start: id })}
            />
          ))}
          {!draft.steps.length ? <p class="empty">{t('scripts.editor.no_steps')}</p> : null}
          {!readOnly && draft.steps.length > 3 ? (
            <Button
              onClick={() => {
                const added = addStep(draft, 'say');
                setDraft(added.draft);
                setFocusStep(added.id);
              }}
            >
              {t('scripts.editor.add_step')}
            </Button>
          ) : null}
        </div>

        <div class="sc-side">
          <Preview draft={draft} onShowStep={(id) => findStep(draft, id) && setFocusStep(id)} />
        </div>
      </div>
    </div>
  );
}

// Paste JSON or choose a file; the server's shape check runs before the
// script replaces the draft, and its words are shown here.
function ImportPanel({ onLoad, onCancel }: { onLoad: (json: ScriptJson) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const submit = async () => {
    setError(null);
    const parsed = parseImport(text);
    if ('error' in parsed) {
      setError(new Error(parsed.error === 'json' ? t('scripts.import.bad_json', { detail: parsed.detail }) : t('scripts.import.bad_shape')));
      return;
    }
    setBusy(true);
    const answer = await send('POST', '/api/scripts/validate', { script: parsed.json });
    setBusy(false);
    // A shape the server cannot read is refused with its words; graph
    // problems are fine here (the editor shows them at their steps).
    if (!answer.ok && !problemsIn(answer.body) && answer.status !== 404) {
      setError(answer.error);
      return;
    }
    onLoad(parsed.json);
  };

  const readFile = (file: File | undefined) => {
    if (!file) return;
    file.text().then(setText, setError);
  };

  return (
    <section class="sc-import panel" aria-label={t('scripts.import.title')}>
      <div class="panel-body">
        <Field label={t('scripts.import.paste')} hint={t('scripts.import.hint')}>
          <textarea ref={area} data-testid="import-text" rows={6} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </Field>
        <div class="row">
          <Field label={t('scripts.import.file')}>
            <input type="file" accept="application/json,.json" data-testid="import-file" onChange={(e) => readFile((e.target as HTMLInputElement).files?.[0])} />
          </Field>
        </div>
        <ErrorNote error={error} />
        <div class="row">
          <Button kind="primary" data-testid="import-load" onClick={() => void submit()} disabled={busy || !text.trim()}>
            {t('scripts.import.load')}
          </Button>
          <Button onClick={onCancel}>{t('scripts.cancel')}</Button>
        </div>
      </div>
    </section>
  );
}
