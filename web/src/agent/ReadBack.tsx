// The order read aloud to the caller before it is confirmed.
import { t } from '../core/i18n';
import { Button } from '../core/ui';
import { readBackText } from './readBack';
import { confirmed, customer, orderForm, quote, readBackOpen } from './store';

export function ReadBack() {
  if (!readBackOpen.value || confirmed.value) return null;
  const paragraphs = readBackText(orderForm.value, quote.value, customer.value?.name ?? '');
  return (
    <section class="agent-readback" aria-label={t('agent.readback.title')}>
      <header class="agent-readback-head">
        <h3>{t('agent.readback.title')}</h3>
        <Button class="agent-small" onClick={() => (readBackOpen.value = false)}>
          {t('core.close')}
        </Button>
      </header>
      <div data-testid="read-back-text" class="agent-readback-text" tabIndex={-1} id="agent-read-back-text">
        {paragraphs.map((p) => (
          <p>{p}</p>
        ))}
      </div>
    </section>
  );
}
