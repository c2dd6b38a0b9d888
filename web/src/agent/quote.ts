// The quote as the operator reads it: every line with its price and the
// reason for each discount or promotion, then the totals. The server writes
// reasons in English (docs/pricing.md, "Reasons"); in Russian they are
// rebuilt from the same known forms, and anything unknown is shown as sent.
import type { Lang } from '../core/i18n';
import { money } from '../core/format';
import type { Adjustment, Quote } from './types';

export interface ReasonRow {
  source: 'discount' | 'promotion';
  text: string;
  amount: string; // "−378,00 ₽"
}

export interface QuoteRow {
  productId: number;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  gross: string;
  total: string;
  gift: boolean;
  reasons: ReasonRow[];
}

export interface QuoteView {
  rows: QuoteRow[];
  orderReasons: ReasonRow[];
  gross: string;
  discount: string | null; // null when nothing is taken off
  total: string;
  vat: string;
  suggestions: { name: string; pitch: string }[];
}

const targetRu: Record<string, string> = {
  product: 'на товар',
  category: 'на категорию',
  'customer group': 'для группы клиентов',
};

// "5 000.00 ₽" (the server's form) in the reader's language.
function rubles(text: string, lang: Lang): string {
  const kopecks = Math.round(Number(text.replace(/[\s\u00a0₽]/g, '')) * 100);
  return Number.isFinite(kopecks) ? money(kopecks, lang) : text;
}

function percentText(text: string, lang: Lang): string {
  return lang === 'ru' ? `${text.replace('.', ',')} %` : `${text} %`;
}

function unitsRu(n: number): string {
  return `${n} шт.`;
}

// One adjustment's reason in the given language.
export function reasonText(adj: Adjustment, lang: Lang): string {
  const name = adj.rule_name;
  let rest = adj.reason;
  let m: RegExpExecArray | null;
  if (lang === 'en') {
    return rest;
  }
  // "3 for 2 on TEA-001: 1 unit free"
  if (rest.startsWith(`${name} on `)) {
    m = /^ on (\S+): (\d+) units? free$/.exec(rest.slice(name.length));
    if (m) return `${name}: ${m[1]} — ${unitsRu(Number(m[2]))} бесплатно`;
  }
  if (!rest.startsWith(`${name}: `)) return rest;
  rest = rest.slice(name.length + 2);
  // "10 % off TEA-001 (category)"
  if ((m = /^([\d.]+) % off (\S+) \((product|category|customer group)\)$/.exec(rest))) {
    return `${name}: скидка ${percentText(m[1], lang)} ${targetRu[m[3]]} ${m[2]}`;
  }
  // "50.00 ₽ off each MUG-01 (product)"
  if ((m = /^([\d\s\u00a0.]+ ₽) off each (\S+) \((product|category|customer group)\)$/.exec(rest))) {
    return `${name}: минус ${rubles(m[1], lang)} за каждую единицу ${m[2]} (${targetRu[m[3]]})`;
  }
  // "5 % off the order"
  if ((m = /^([\d.]+) % off the order$/.exec(rest))) {
    return `${name}: скидка ${percentText(m[1], lang)} на весь заказ`;
  }
  // "500.00 ₽ off the order"
  if ((m = /^([\d\s\u00a0.]+ ₽) off the order$/.exec(rest))) {
    return `${name}: минус ${rubles(m[1], lang)} от суммы заказа`;
  }
  // "1 × MUG-01 free"
  if ((m = /^(\d+) × (\S+) free$/.exec(rest))) {
    return `${name}: ${m[2]} — ${unitsRu(Number(m[1]))} в подарок`;
  }
  return adj.reason;
}

function reasonRow(adj: Adjustment, lang: Lang): ReasonRow {
  return { source: adj.source, text: reasonText(adj, lang), amount: `−${money(adj.amount, lang)}` };
}

export function quoteView(quote: Quote, lang: Lang): QuoteView {
  // The order discount is also spread over the lines; it is told once, at the order.
  const orderRules = new Set(quote.order_adjustments.map((a) => a.rule_id));
  return {
    rows: quote.lines.map((line) => ({
      productId: line.product_id,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unit_price, lang),
      gross: money(line.gross, lang),
      total: money(line.total, lang),
      gift: line.gift,
      reasons: line.adjustments
        .filter((a) => !(a.source === 'discount' && orderRules.has(a.rule_id)))
        .map((a) => reasonRow(a, lang)),
    })),
    orderReasons: quote.order_adjustments.map((a) => reasonRow(a, lang)),
    gross: money(quote.gross, lang),
    discount: quote.discount > 0 ? `−${money(quote.discount, lang)}` : null,
    total: money(quote.total, lang),
    vat: money(quote.vat, lang),
    suggestions: quote.suggestions.map((s) => ({ name: s.name, pitch: s.pitch })),
  };
}
