// Issue #8, flow f: the sales script (queue Продажи) leads a call from the
// greeting to a confirmed order; every placeholder is a real value — the
// operator's and the company's names, the order's number and total.
import { attrIs, check, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, openSituationByKeys, queueId, ringAnswerCall, scriptStepNow, stepMovedFrom, walkScript } from './steps.mjs';

export default {
  name: 'script_sale',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const operator = (await admin.get('/api/users')).find((u) => u.login === 'op09');
    const company = (await admin.get('/api/tenants')).find((x) => x.id === 2).name;
    const caller = '+79151000000';
    const customer = (await admin.get(`/api/customers/lookup?number=${encodeURIComponent(caller)}&tenant_id=2`)).matches[0];
    const product = (await admin.get('/api/catalogue/products?tenant_id=2')).find((p) => p.available !== false && p.price_today > 0);
    check(product, 'the demo has a product with a price');

    const op = await ctx.openAs('op09');
    try {
      await goReady(op);
      const call = await ringAnswerCall(ctx, op, sales, caller);
      const panel = op.locator('[data-testid=script-panel]');
      await until('the sales script', async () => (await panel.locator('[data-testid=script-name]').getAttribute('data-code')) === 'inbound_sales');
      const greet = await scriptStepNow(op);
      check(greet.text.includes(operator.name.split(' ')[0]), `the greeting names the operator: ${greet.text}`);
      check(greet.text.includes(company), `the greeting names the company: ${greet.text}`);
      await ctx.shot(op, 'agent-script');

      // A situation opened by mistake (S-14) closes, and the script is where it was.
      await openSituationByKeys(op, 'S-14');
      await op.click('[data-testid=situation-close]');
      await until('the situation to close', async () => (await op.locator('[data-testid=situation]').count()) === 0);
      check((await scriptStepNow(op)).id === greet.id, 'the script waits at the step it was on');

      // The card opened by the number → welcome back → "take an order now" →
      // what, where, who → the read-back is right → the order is confirmed.
      const before = await walkScript(op, { known: { option: 0 }, need: { option: 1 }, read_back: { option: 0 } }, (s) => s.action === 'create_order');
      const action = panel.locator('[data-testid=script-action]');
      // No order yet: the server says so next to the step, and the step stays.
      await action.click();
      await panel.locator('[data-testid=script-error]').waitFor({ timeout: 5_000 });
      check((await panel.locator('[data-testid=script-step]').getAttribute('data-step')) === before.at(-1).id, 'the step stays after a refusal');

      // The order panel: one product, delivery tomorrow, the caller receives.
      await panel.locator('[data-testid=script-to-order]').click();
      await until('the catalogue search focused', () => op.evaluate(() => document.activeElement?.id === 'agent-catalogue-search'));
      await op.fill('[data-testid=catalogue-search]', product.name.split(',')[0]);
      const row = op.locator('[data-testid=product-row]', { hasText: product.name }).first();
      await row.waitFor();
      await row.locator('[data-testid=add-product]').click();
      const form = op.locator('[data-testid=order-form]');
      await form.locator('[data-testid=order-line]').first().waitFor();
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await form.locator('input[name=delivery-date]').fill(tomorrow);
      await form.locator('input[name=window-from]').fill('10:00');
      await form.locator('input[name=window-to]').fill('14:00');
      await form.locator('input[name=delivery-address]').fill('Москва, ул. Садовая, д. 5, кв. 12');
      if ((await form.locator('[data-testid=receiver]').count()) === 0) {
        await form.locator('[data-testid=add-receiver]').click();
        const r = form.locator('[data-testid=receiver]').first();
        await r.waitFor();
        await r.locator('input[name=receiver-name]').fill(customer.name);
        await r.locator('input[name=receiver-phone]').fill(caller);
        for (const right of ['may-accept', 'may-pay', 'may-sign']) await r.locator(`input[name=${right}]`).setChecked(true);
      }
      await op.locator('[data-testid=confirm-order]').click();
      await op.locator('[data-testid=order-confirmed]').waitFor({ timeout: 10_000 });
      const orders = await admin.get(`/api/orders?tenant_id=2&customer_id=${customer.id}`);
      const order = (Array.isArray(orders) ? orders : orders.orders ?? orders.items).sort((a, b) => b.id - a.id)[0];

      // Now the script goes on to the order's number and total.
      const orderStep = before.at(-1).id;
      await action.click();
      await stepMovedFrom(op, orderStep);
      const after = await walkScript(op, {}, (s) => s.action === 'end_call');
      const texts = [...before, ...after].map((s) => s.text).filter(Boolean);
      const bad = texts.filter((x) => x.includes('[?'));
      check(bad.length === 0, `no unfilled placeholders: ${JSON.stringify(bad)}`);
      const digits = (x) => x.replace(/\D/g, '');
      check(texts.some((x) => digits(x).includes(String(Math.floor(order.total / 100)))), `the order's total ${order.total} is said`);
      const confirmed = after.find((s) => s.id === 'confirmed') ?? after.find((s) => s.text.includes(String(order.id)));
      check(confirmed && (confirmed.text.includes(String(order.id)) || confirmed.text.includes(String(order.number ?? '\u0000'))), `the order's number is said: ${confirmed?.text}`);
      await ctx.shot(op, 'agent-script-sale');

      await action.click();
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'wrap-up', 10_000);
      const log = await until('script.outcome sale', async () => {
        const r = await callLog(admin, call);
        return r.find((x) => x.type === 'script.outcome');
      });
      check(log.event.outcome === 'sale', `the outcome is a sale: ${JSON.stringify(log.event)}`);
    } finally {
      await leaveDesk(ctx, 'op09');
    }
  },
};
