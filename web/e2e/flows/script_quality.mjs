// Issue #8, flow c: S-07 (aggressive dissatisfaction): the operator writes
// down what happened and when, opens a quality-control case and schedules a
// callback from the script; its last step leads back to the main script.
import { check, until } from '../lib.mjs';
import { clearDesks, goReady, leaveDesk, localDateTime, openSituationByKeys, queueId, ringAnswerCall, walkScript } from './steps.mjs';

export default {
  name: 'script_quality',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const caller = '+79151000111';
    const customer = (await admin.get(`/api/customers/lookup?number=${encodeURIComponent(caller)}&tenant_id=2`)).matches[0];
    check(customer, `the demo has a customer with ${caller}`);
    const op = await ctx.openAs('op05');
    try {
      await goReady(op);
      await ringAnswerCall(ctx, op, sales, caller);
      await openSituationByKeys(op, 'S-07');
      const story = `Курьер нагрубил и бросил коробку у двери (проверка ${Date.now()})`;
      const incident = localDateTime(-26 * 3600_000, 'Europe/Moscow'); // yesterday, the company's clock
      const callbackAt = localDateTime(24 * 3600_000, 'Europe/Moscow'); // tomorrow
      const typed = {};
      const value = (v) => (step) => (typed[step.id] = step.input === 'datetime-local' ? v : v.replace('T', ' '));
      await walkScript(op, {
        situation: { value: story },
        when: { value: value(incident) },
        callback_time: { value: value(callbackAt) },
      }, (s) => s.action === 'return');
      const done = op.locator('[data-testid=script-done]');
      await done.locator('li[data-action=open_case]').waitFor({ timeout: 5_000 });
      await done.locator('li[data-action=schedule_callback]').waitFor({ timeout: 5_000 });
      await ctx.shot(op, 'agent-quality');

      // The situation's last step leads back to the main script.
      await op.locator('[data-testid=script-action][data-action=return]').click();
      await until('the situation to close', async () => (await op.locator('[data-testid=situation]').count()) === 0);
      await op.locator('[data-testid=script-step][data-run=main]').waitFor({ timeout: 5_000 });

      const cases = await admin.get(`/api/cases?tenant_id=2&customer_id=${customer.id}`);
      const list = Array.isArray(cases) ? cases : cases.cases ?? cases.items;
      const mine = list.find((c) => `${c.summary} ${c.details}`.includes(story));
      check(mine, `a case with the story exists for the customer (${list.length} cases)`);
      check(mine.category === 'quality', `its category is quality (${mine.category})`);
      const day = incident.slice(0, 10);
      const [y, m, d] = day.split('-');
      const hm = incident.slice(11, 16);
      check(mine.details.includes(hm) && (mine.details.includes(day) || mine.details.includes(`${d}.${m}.${y}`)),
        `the details hold the incident time ${incident}: ${mine.details}`);

      const callbacks = await admin.get('/api/callbacks?tenant_id=2');
      const cbs = Array.isArray(callbacks) ? callbacks : callbacks.callbacks ?? callbacks.items;
      const cb = cbs.find((c) => c.number === caller && c.status === 'scheduled');
      check(cb, `a callback to ${caller} is scheduled`);
      check(Math.abs(Date.parse(cb.due_at) - Date.parse(callbackAt)) < 26 * 3600_000, `it is due about tomorrow (${cb.due_at})`);
    } finally {
      await leaveDesk(ctx, 'op05');
    }
  },
};
