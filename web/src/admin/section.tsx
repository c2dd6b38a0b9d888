// The frame every administration section is built from: which record is
// open or whether a new one is being written, the list fetched from the
// server with its error, the list panel and the hint on the right.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../core/api';
import { t } from '../core/i18n';
import { Empty, ErrorNote, Panel } from '../core/ui';
import { focusForm, NewButton, Split, useShortcuts } from './shared';

// The open record (by key) or a new one; "New" and Alt+N only when editing.
export function useSelection<K = number>(edit: boolean, search?: { current: HTMLInputElement | null }) {
  const [selected, setSelected] = useState<K | null>(null);
  const [creating, setCreating] = useState(edit);
  const openNew = () => {
    setSelected(null);
    setCreating(true);
    focusForm();
  };
  useShortcuts(edit ? openNew : null, search);
  const open = (key: K) => {
    setCreating(false);
    setSelected(key);
  };
  // Cancel in the form: a new one closes; an open record goes back to "new".
  const cancel = () => {
    if (creating) setCreating(false);
    else {
      setSelected(null);
      setCreating(edit);
    }
  };
  return { selected, setSelected, creating, setCreating, open, cancel, onNew: edit ? openNew : undefined };
}

// A list from the server (optionally narrowed), reloaded when the address changes.
export function useRemoteList<T>(url: string, keep?: (item: T) => boolean) {
  const [list, setList] = useState<T[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const load = () =>
    api
      .get<T[]>(url)
      .then((l) => {
        setList(keep ? l.filter(keep) : l);
        setLoadError(null);
      })
      .catch(setLoadError);
  useEffect(() => {
    void load();
  }, [url]);
  return { list, loadError, load };
}

// The left side: title with "New", what goes above the table, the load
// error, then the table (or "nothing here").
export function ListPanel({ title, newLabel, onNew, error, empty, head, before, after, children }: {
  title: string;
  newLabel: string;
  onNew?: () => void;
  error: unknown;
  empty: boolean;
  head: ComponentChildren;
  before?: ComponentChildren;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <Panel title={title} actions={onNew ? <NewButton onClick={onNew} label={newLabel} /> : null}>
      {before}
      <ErrorNote error={error} />
      {empty ? (
        <Empty />
      ) : (
        <table class="grid">
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
      {after}
    </Panel>
  );
}

// The right side when nothing is open.
export function HintPanel({ text, children }: { text: string; children?: ComponentChildren }) {
  return (
    <Panel>
      <p class="muted">{text}</p>
      {children}
    </Panel>
  );
}

// The right side: the new record's form, the open record's form, or the hint
// (for those who only read, the read-only one unless told otherwise).
export function sidePane<T>({ edit, creating, current, editor, hint, readHint = t('admin.read_only'), showWhenReading = false }: {
  edit: boolean;
  creating: boolean;
  current: T | null;
  editor: (record: T | null) => JSX.Element;
  hint: string;
  readHint?: string;
  showWhenReading?: boolean;
}): JSX.Element {
  if (creating && edit) return editor(null);
  if (current && (edit || showWhenReading)) return editor(current);
  return <HintPanel text={edit ? hint : readHint} />;
}

// What a record's form is given by its section.
export interface RecordEditorProps<T> {
  record: T | null;
  tenant: number;
  readOnly: boolean;
  onDone: (saved: T) => Promise<void>;
  onCancel: () => void;
  onDeleted: () => Promise<void>;
}

// A whole section over one collection of the company's records: the list
// (rows opened by click or Enter) and the form of the open or new record.
export function RecordSection<T extends { id: number }>({ edit, tenant, url, title, newLabel, hint, head, row, after, Editor, showWhenReading = false }: {
  edit: boolean;
  tenant: number;
  url: string;
  title: string;
  newLabel: string;
  hint: string;
  head: ComponentChildren;
  row: (record: T, selected: boolean, open: () => void) => JSX.Element;
  after?: ComponentChildren;
  Editor: (p: RecordEditorProps<T>) => JSX.Element;
  showWhenReading?: boolean;
}) {
  const { list, loadError, load } = useRemoteList<T>(url);
  const sel = useSelection(edit);
  const current = list.find((x) => x.id === sel.selected) ?? null;
  return (
    <Split
      list={
        <ListPanel title={title} newLabel={newLabel} onNew={sel.onNew} error={loadError} empty={list.length === 0} head={head} after={after}>
          {list.map((x) => row(x, x.id === sel.selected, () => sel.open(x.id)))}
        </ListPanel>
      }
      form={sidePane({
        edit,
        creating: sel.creating,
        current,
        hint,
        showWhenReading,
        editor: (record) => (
          <Editor
            key={record?.id ?? 'new'}
            record={record}
            tenant={tenant}
            readOnly={!edit}
            onDone={async (saved) => { await load(); sel.open(saved.id); }}
            onCancel={sel.cancel}
            onDeleted={async () => { sel.setSelected(null); await load(); }}
          />
        ),
      })}
    />
  );
}
