// The order as the operator reads it aloud before confirming: what, how
// much, when, where, who receives it and what is paid on delivery.
import { lang as langSignal, t } from '../core/i18n';
import type { Lang } from '../core/i18n';
import { money } from '../core/format';
import type { OrderForm } from './orderForm';
import { parseQuantity } from './orderForm';
import type { Quote } from './types';
import { reasonText } from './quote';

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

// "YYYY-MM-DD" as "воскресенье, 29 ноября 2026 г." / "Sunday 29 November 2026".
export function spokenDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locales[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

function rights(r: { may_accept: boolean; may_pay: boolean; may_sign: boolean }): string {
  const list: string[] = [];
  if (r.may_accept) list.push(t('agent.readback.accepts'));
  if (r.may_pay) list.push(t('agent.readback.pays'));
  if (r.may_sign) list.push(t('agent.readback.signs'));
  return list.length ? list.join(', ') : t('agent.readback.noRights');
}

// Paragraphs to read, in the current language. The quote (when there is one)
// gives the prices; lines it has not priced yet are read without them.
export function readBackText(form: OrderForm, quote: Quote | null, customerName: string): string[] {
  const lang = langSignal.value;
  const out: string[] = [];
  out.push(t('agent.readback.intro', { name: customerName || '—' }));
  if (quote && quote.lines.length) {
    for (const line of quote.lines) {
      const reasons = line.adjustments.map((a) => reasonText(a, lang));
      const base = line.gift
        ? t('agent.readback.gift', { name: line.name, qty: line.quantity })
        : t('agent.readback.line', { name: line.name, qty: line.quantity, total: money(line.total, lang) });
      out.push(reasons.length && !line.gift ? `${base} (${reasons.join('; ')}).` : line.gift ? base : `${base}.`);
    }
    out.push(t('agent.readback.total', { total: money(quote.total, lang), vat: money(quote.vat, lang) }));
    if (quote.discount > 0) out.push(t('agent.readback.saved', { discount: money(quote.discount, lang) }));
  } else {
    for (const l of form.lines) {
      out.push(t('agent.readback.lineNoPrice', { name: l.name, qty: parseQuantity(l.quantity) ?? l.quantity }));
    }
  }
  out.push(
    t('agent.readback.delivery', {
      date: form.date ? spokenDate(form.date, lang) : '—',
      from: form.windowFrom || '—',
      to: form.windowTo || '—',
      address: form.address.trim() || '—',
    }),
  );
  if (form.receivers.length) {
    const people = form.receivers.map((r) => {
      const phone = r.phone.trim() ? `, ${r.phone.trim()}` : '';
      return `${r.name.trim() || '—'}${phone} — ${rights(r)}`;
    });
    out.push(t('agent.readback.receivers', { list: people.join('; ') }));
  } else {
    out.push(t('agent.readback.noReceivers'));
  }
  if (form.paymentOnDelivery) {
    out.push(t('agent.readback.payOnDelivery', { amount: quote ? money(quote.total, lang) : '—' }));
  } else {
    out.push(t('agent.readback.prepaid'));
  }
  if (form.documentsToSign) out.push(t('agent.readback.documents'));
  if (form.note.trim()) out.push(t('agent.readback.note', { note: form.note.trim() }));
  out.push(t('agent.readback.question'));
  return out;
}
