// Flow 1: an operator answers a call, finds the caller's card, builds an
// order with a promotion, a delivery window and two receivers, reads it back
// and confirms; the assigned manager sees it at once and moves it on; the
// operator sees the new status.
import { attrIs, check, textHas, until } from '../lib.mjs';
import { goReady, hangUpAndWrap, queueId, ringAndAnswer, userId } from './steps.mjs';

export default {
  name: 'order',
  async run(ctx) {
    const { admin } = ctx;
    const sales = await queueId(admin, 'Продажи');
    // The demo's coffee with "buy three, pay for two".
    const promo = (await admin.get('/api/catalogue/promotions?tenant_id=2')).find((p) => p.kind === 'buy_x_pay_y' && p.product_id);
    const product = await admin.get(`/api/catalogue/products/${promo.product_id}?tenant_id=2`);
    const caller = '+79151000000';
    const customer = (await admin.get(`/api/customers/lookup?number=${encodeURIComponent(caller)}&tenant_id=2`)).matches[0];

    // Every manager has the inbox open before the order exists.
    const managers = {};
    for (const login of ['manager', 'manager2', 'manager3']) {
      const page = await ctx.openAs(login);
      await page.waitForSelector('[data-testid=order-row]');
      managers[await userId(admin, login)] = page;
    }

    const op = await ctx.openAs('op01');
    await op.waitForSelector('[data-testid=state-bar]');
    await goReady(op);
    await ctx.shot(op, 'agent-ready');
    await ringAndAnswer(ctx, op, sales, caller);
    await until('the caller\'s number on the call', async () =>
      (await op.locator('[data-testid=call-number]').innerText()).replace(/\D/g, '') === caller.replace(/\D/g, ''));
    await textHas(op.locator('[data-testid=customer-name]'), customer.name);

    await op.fill('[data-testid=catalogue-search]', product.name.split(',')[0]);
    const row = op.locator('[data-testid=product-row]', { hasText: product.name }).first();
    await row.waitFor();
    await row.locator('[data-testid=add-product]').click();
    const line = op.locator('[data-testid=order-line]').first();
    await line.waitFor();
    await line.locator('input[name=quantity]').fill(String(promo.buy));
    await textHas(op.locator('[data-testid=quote]'), promo.name);
    check((await op.locator('[data-testid=quote-reason]').count()) >= 1, 'the quote shows the promotion as a reason');

    const form = op.locator('[data-testid=order-form]');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await form.locator('input[name=delivery-date]').fill(tomorrow);
    await form.locator('input[name=window-from]').fill('10:00');
    await form.locator('input[name=window-to]').fill('14:00');
    await form.locator('input[name=delivery-address]').fill('Москва, ул. Садовая, д. 5, кв. 12');
    for (const [name, phone, rights] of [
      ['Смирнов Алексей', '+79151000000', ['may-accept', 'may-sign']],
      ['Смирнова Ольга', '+79151000099', ['may-accept', 'may-pay']],
    ]) {
      const before = await form.locator('[data-testid=receiver]').count();
      await form.locator('[data-testid=add-receiver]').click();
      await until('a new receiver row', async () => (await form.locator('[data-testid=receiver]').count()) > before);
      const r = form.locator('[data-testid=receiver]').nth(before);
      await r.locator('input[name=receiver-name]').fill(name);
      await r.locator('input[name=receiver-phone]').fill(phone);
      for (const right of ['may-accept', 'may-pay', 'may-sign']) {
        await r.locator(`input[name=${right}]`).setChecked(rights.includes(right));
      }
    }
    await ctx.shot(op, 'agent-order');
    await form.locator('[data-testid=read-back]').click();
    const readBack = op.locator('[data-testid=read-back-text]');
    await textHas(readBack, product.name);
    await textHas(readBack, 'Смирнова Ольга');
    await ctx.shot(op, 'agent-read-back');
    await op.locator('[data-testid=confirm-order]').click();
    const confirmed = op.locator('[data-testid=order-confirmed]');
    await confirmed.waitFor({ timeout: 10_000 });
    const status = op.locator('[data-testid=order-status]');
    await attrIs(status, 'data-status', 'assigned');

    // The order as the server has it, and the manager it went to.
    const orders = await admin.get(`/api/orders?tenant_id=2&customer_id=${customer.id}`);
    const list = Array.isArray(orders) ? orders : orders.orders ?? orders.items;
    const order = list.sort((a, b) => b.id - a.id)[0];
    await textHas(confirmed, String(order.id));
    check(order.total === promo.pay * product.price_today, `total ${order.total} is the promotion's price`);
    const full = await admin.get(`/api/orders/${order.id}`);
    check(full.receivers.length === 2 && full.receivers.some((r) => r.may_pay), 'two receivers, one may pay');
    const page = managers[full.manager_id ?? full.manager];
    check(page, `the order went to a demo manager (${JSON.stringify(full.manager_id ?? full.manager)})`);

    await page.waitForSelector('[data-testid=order-toast]', { timeout: 5_000 });
    const inboxRow = page.locator(`[data-testid=order-row][data-order-id="${order.id}"]`);
    await inboxRow.waitFor({ timeout: 5_000 });
    await ctx.shot(page, 'manager-inbox');
    await inboxRow.click();
    const details = page.locator('[data-testid=order-details]');
    await details.waitFor();
    await details.locator('select[name=next-status]').selectOption('in_fulfilment');
    await details.locator('textarea[name=status-comment]').fill('Собираем на складе');
    await details.locator('[data-testid=change-status]').click();
    await attrIs(details.locator('[data-testid=order-details-status]'), 'data-status', 'in_fulfilment');
    await ctx.shot(page, 'manager-order');

    // The operator sees it without reloading.
    await attrIs(status, 'data-status', 'in_fulfilment');
    await hangUpAndWrap(op);
    await op.click('[data-testid=go-not-ready]');
  },
};
