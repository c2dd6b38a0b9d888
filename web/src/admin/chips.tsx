// A small list shown as chips with a one-line form to add a name (skills of
// a queue's company, product categories).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { Button, ErrorNote, Panel } from '../core/ui';
import type { Msg } from './forms';
import { msgText } from './shared';
import { useAction } from './editor';

export function ChipsPanel({ title, chips, edit, testid, newLabel, addLabel, onAdd, children }: {
  title: string;
  chips: string[];
  edit: boolean;
  testid: string;
  newLabel: string;
  addLabel: string;
  onAdd: (name: string) => Promise<void>;
  children?: ComponentChildren;
}) {
  const [name, setName] = useState('');
  const [check, setCheck] = useState<Msg | null>(null);
  const { error, busy, run } = useAction();

  const add = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      setCheck({ key: 'admin.v.required' });
      return;
    }
    setCheck(null);
    if (await run(() => onAdd(name.trim()))) setName('');
  };

  return (
    <Panel title={title}>
      <p class="admin-chips">
        {chips.map((c) => (
          <span class="badge">{c}</span>
        ))}
        {chips.length === 0 ? <span class="muted">{t('core.none')}</span> : null}
      </p>
      {edit ? (
        <form class="admin-inline-form" data-testid={testid} onSubmit={add} noValidate>
          <label class={`field ${check ? 'admin-invalid' : ''}`}>
            <span class="field-label">{newLabel}</span>
            <input value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            {check ? <span class="admin-field-error">{msgText(check)}</span> : null}
          </label>
          {children}
          <Button type="submit" disabled={busy}>{addLabel}</Button>
        </form>
      ) : null}
      <ErrorNote error={error} />
    </Panel>
  );
}
