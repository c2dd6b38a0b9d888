// The playbook: what to do when a call does not go as planned (S-01…S-17),
// searchable by code, name or words, during every call. Alt+P to the search,
// ↓/↑ to choose, Enter opens the situation on top of the script.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lang, t } from '../core/i18n';
import { ErrorNote, Panel } from '../core/ui';
import { desk } from './store';
import { focusSoon } from './shortcuts';
import { filterPlaybook, keepSelection, moveSelection, playbookKeyAction } from './playbook';
import { loadPlaybook, openError, openSituation, playbook, playbookError, session, stepBusy } from './scriptStore';

export const PLAYBOOK_SEARCH = 'agent-playbook-search';

export function PlaybookList() {
  const d = desk.value;
  const callId = d?.call?.call ?? d?.wrap_up?.call ?? null;
  const onCall = !!d?.call;
  const l = lang.value;
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);

  // The first words are filled for the caller: again for every call and language.
  useEffect(() => {
    void loadPlaybook();
  }, [callId, l]);

  const shown = useMemo(() => filterPlaybook(playbook.value, q), [playbook.value, q]);
  const at = keepSelection(selected, shown);
  const current = at >= 0 ? shown[at] : null;
  const openCode = session.value?.situation?.code ?? null;
  const canOpen = onCall && session.value?.live !== false;

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current?.code]);

  const open = async (code: string) => {
    if (!canOpen || stepBusy.value) return;
    if (await openSituation(code)) {
      setQ('');
      setSelected(null);
      focusSoon('[data-testid="situation"] [data-step-focus]', 10);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    const action = playbookKeyAction(e);
    if (!action) return;
    if (action.kind === 'clear') {
      if (!q) return;
      e.preventDefault();
      setQ('');
      return;
    }
    e.preventDefault();
    if (action.kind === 'move') {
      const next = moveSelection(at, shown.length, action.step);
      if (next >= 0) setSelected(shown[next].code);
    } else if (action.kind === 'home') {
      if (shown.length) setSelected(shown[0].code);
    } else if (action.kind === 'end') {
      if (shown.length) setSelected(shown[shown.length - 1].code);
    } else if (action.kind === 'open' && current) {
      void open(current.code);
    }
  };

  const err = openError.value;
  const optionId = (code: string) => `agent-playbook-${code}`;

  return (
    <Panel
      title={t('agent.playbook.title')}
      class="agent-playbook"
      actions={<kbd title={t('agent.playbook.keyHint')}>Alt+P</kbd>}
    >
      <div data-testid="playbook">
        <label class="field agent-playbook-search">
          <span class="field-label">{t('agent.playbook.search')}</span>
          <input
            id={PLAYBOOK_SEARCH}
            type="search"
            name="playbook-search"
            data-testid="playbook-search"
            value={q}
            autoComplete="off"
            placeholder={t('agent.playbook.placeholder')}
            role="combobox"
            aria-expanded="true"
            aria-controls="agent-playbook-list"
            aria-activedescendant={current ? optionId(current.code) : undefined}
            aria-keyshortcuts="Alt+P"
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            onKeyDown={onKey}
          />
        </label>
        {playbookError.value ? <ErrorNote error={playbookError.value} /> : null}
        {err ? (
          <div data-testid="playbook-error">
            <ErrorNote error={err.error} />
          </div>
        ) : null}
        {!canOpen ? <p class="muted agent-small-text">{onCall ? t('agent.playbook.readOnly') : t('agent.playbook.noCall')}</p> : null}
        <ul id="agent-playbook-list" class="agent-playbook-list" role="listbox" aria-label={t('agent.playbook.title')} ref={list}>
          {shown.map((e, i) => (
            <li
              id={optionId(e.code)}
              role="option"
              aria-selected={i === at}
              data-testid="playbook-entry"
              data-code={e.code}
              class={`${i === at ? 'selected' : ''} ${openCode === e.code ? 'open' : ''}`}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => {
                setSelected(e.code);
                void open(e.code);
              }}
            >
              <span class="agent-playbook-code">{e.code}</span>
              <span class="agent-playbook-name">{e.name}</span>
              <span class="agent-playbook-text">{e.text}</span>
            </li>
          ))}
          {playbook.value.length > 0 && shown.length === 0 ? <li class="muted">{t('agent.playbook.nothing')}</li> : null}
        </ul>
      </div>
    </Panel>
  );
}
