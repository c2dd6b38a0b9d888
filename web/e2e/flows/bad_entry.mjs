// Flow 4: a delivery date in the past is refused with the server's words
// next to the order, and everything typed stays in the form.
import { check, textHas, until } from '../lib.mjs';
import { goReady, hangUpAndWrap, queueId, ringAndAnswer } from './steps.mjs';

export default {
  name: 'bad_entry',
  async run(ctx) {
    const { admin } = ctx;
    const orders = await queueId(admin, 'Заказы');
    const op = await ctx.openAs('op05');
    await goReady(op);
    await ringAndAnswer(ctx, op, orders, '+79151000111');
    await op.waitForSelector('[data-testid=customer-name]');

    await op.fill('[data-testid=catalogue-search]', 'чай');
    const row = op.locator('[data-testid=product-row]').first();
    await row.waitFor();
    await row.locator('[data-testid=add-product]').click();
    const form = op.locator('[data-testid=order-form]');
    await form.locator('[data-testid=order-line]').first().waitFor();

    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await form.locator('input[name=delivery-date]').fill(yesterday);
    await form.locator('input[name=window-from]').fill('09:00');
    await form.locator('input[name=window-to]').fill('12:00');
    await form.locator('input[name=delivery-address]').fill('Москва, Тверская ул., д. 1');
    await form.locator('[data-testid=add-receiver]').click();
    const receiver = form.locator('[data-testid=receiver]').last();
    await receiver.locator('input[name=receiver-name]').fill('Петров Иван');
    await receiver.locator('input[name=receiver-phone]').fill('+79160000001');
    for (const right of ['may-accept', 'may-pay', 'may-sign']) await receiver.locator(`input[name=${right}]`).setChecked(true);

    await form.locator('[data-testid=confirm-order]').click();
    const error = op.locator('[data-testid=order-error]');
    await error.waitFor({ timeout: 10_000 });
    await textHas(error, yesterday);
    await ctx.shot(op, 'agent-order-error');
    check((await form.locator('input[name=delivery-date]').inputValue()) === yesterday, 'the date is kept');
    check((await form.locator('input[name=delivery-address]').inputValue()).includes('Тверская'), 'the address is kept');
    check((await receiver.locator('input[name=receiver-name]').inputValue()) === 'Петров Иван', 'the receiver is kept');
    check((await form.locator('[data-testid=order-line]').count()) === 1, 'the line is kept');
    check((await op.locator('[data-testid=order-confirmed]').count()) === 0, 'nothing was confirmed');

    // Fixing the date is enough.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await form.locator('input[name=delivery-date]').fill(tomorrow);
    await form.locator('[data-testid=confirm-order]').click();
    await op.waitForSelector('[data-testid=order-confirmed]', { timeout: 10_000 });
    await until('the error to go', async () => (await error.count()) === 0);
    await hangUpAndWrap(op);
  },
};
