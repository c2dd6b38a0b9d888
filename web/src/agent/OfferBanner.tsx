// An incoming offer: rings (sound, a pulsing strip, the tab's title) until
// it is answered, refused or taken away.
import { useEffect } from 'preact/hooks';
import { t } from '../core/i18n';
import { duration } from '../core/format';
import { Button, ErrorNote } from '../core/ui';
import { callTopic, displayNumber } from './deskState';
import { actionBusy, desk, errorOf, lookup, now, queueName } from './store';
import { startRing, stopRing } from './ring';
import { labelOf } from './shortcuts';

const kinds = ['transfer', 'callback', 'outbound', 'consult'];
function offerKindKey(kind: string): string {
  return `agent.offer.kind.${kinds.includes(kind) ? kind : 'other'}`;
}

export function OfferBanner({ onAnswer, onReject }: { onAnswer: () => void; onReject: () => void }) {
  const offer = desk.value?.offer ?? null;
  const callId = offer?.call;
  useEffect(() => {
    if (!callId) return;
    startRing();
    const title = document.title;
    let flip = false;
    const blink = setInterval(() => {
      flip = !flip;
      document.title = flip ? `☎ ${t('agent.offer.title')}` : title;
    }, 1000);
    return () => {
      stopRing();
      clearInterval(blink);
      document.title = title;
    };
  }, [callId]);
  if (!offer) return null;
  const found = lookup.value?.call === offer.call ? lookup.value : null;
  const number = displayNumber(offer.caller) ?? t('agent.call.withheld');
  const topic = callTopic(offer);
  const since = Date.parse(offer.since);
  const busy = !!actionBusy.value;
  return (
    <section class="agent-offer" data-testid="offer" role="alert" aria-label={t('agent.offer.title')}>
      <div class="agent-offer-bell" aria-hidden="true">☎</div>
      <div class="agent-offer-who">
        <div class="agent-offer-title">
          {t('agent.offer.title')} · {queueName(offer.queue)}
          {offer.kind && offer.kind !== 'inbound' ? ` · ${t(offerKindKey(offer.kind))}` : null}
        </div>
        <div class="agent-offer-number" data-testid="offer-number">{number}</div>
        {topic ? <div class="agent-offer-topic" data-testid="offer-topic">{t('agent.call.topic', { topic })}</div> : null}
        <div class="agent-offer-match">
          {found === null
            ? t('agent.offer.lookingUp')
            : found.matches.length === 1
              ? found.matches[0].name
              : found.matches.length > 1
                ? t('agent.offer.shared', { n: found.matches.length })
                : t('agent.offer.unknown')}
        </div>
      </div>
      <div class="agent-offer-time">{Number.isNaN(since) ? '' : duration(now.value - since)}</div>
      <div class="agent-offer-actions">
        <Button kind="primary" class="agent-answer" data-testid="answer" disabled={busy} onClick={onAnswer} aria-keyshortcuts="Alt+A">
          {t('agent.offer.answer')} <kbd>{labelOf('answer')}</kbd>
        </Button>
        <Button data-testid="reject" disabled={busy} onClick={onReject} aria-keyshortcuts="Alt+D">
          {t('agent.offer.reject')} <kbd>{labelOf('reject')}</kbd>
        </Button>
      </div>
      <ErrorNote error={errorOf('answer', 'reject')} />
    </section>
  );
}
