// Notes taken during the call; they become the wrap-up note.
import { t } from '../core/i18n';
import { Field, Panel } from '../core/ui';
import { notes } from './store';
import { labelOf } from './shortcuts';

export function NotesPanel() {
  return (
    <Panel title={t('agent.notes.title')} class="agent-notes" actions={<kbd>{labelOf('notes')}</kbd>}>
      <Field label={t('agent.notes.label')} hint={t('agent.notes.hint')}>
        <textarea
          name="call-notes"
          id="agent-call-notes"
          rows={3}
          value={notes.value}
          onInput={(e) => (notes.value = (e.target as HTMLTextAreaElement).value)}
        />
      </Field>
    </Panel>
  );
}
