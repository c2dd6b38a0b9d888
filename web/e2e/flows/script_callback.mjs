// Issue #8, flow d: S-10 (the operator's computer or script fails): the
// request and a number are noted and a callback is scheduled a minute or two
// ahead; when it falls due, the operator's desk rings with the callback.
import { attrIs, check, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, localDateTime, openSituationByKeys, queueId, ringAnswerCall, walkScript } from './steps.mjs';

export default {
  name: 'script_callback',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const caller = '+79151000148';
    const op = await ctx.openAs('op06');
    try {
      await goReady(op);
      const call = await ringAnswerCall(ctx, op, sales, caller);
      await openSituationByKeys(op, 'S-10');
      // The next whole minute at least a minute ahead (60–120 s; the field holds minutes),
      // read on the demo company's clock (Europe/Moscow).
      const target = Math.ceil((Date.now() + 60_000) / 60_000) * 60_000;
      const due = localDateTime(target - Date.now() + 500, 'Europe/Moscow'); // the demo company's clock
      const when = (step) => (step.input === 'datetime-local' ? due : due.replace('T', ' '));
      await walkScript(op, {
        request: { value: 'Узнать, когда привезут заказ №12' },
        phone: { value: caller },
        callback_phone: { value: caller },
        callback_time: { value: when },
        when: { value: when },
      }, (s) => s.action === 'end_call');
      await op.locator('[data-testid=script-done] li[data-action=schedule_callback]').waitFor({ timeout: 5_000 });
      await op.locator('[data-testid=script-action]').click();
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'wrap-up', 10_000);
      const records = await until('script.outcome callback in the log', async () => {
        const r = await callLog(admin, call);
        return r.find((x) => x.type === 'script.outcome') ? r : null;
      });
      check(records.find((x) => x.type === 'script.outcome').event.outcome === 'callback', 'the call ended as a callback');

      const callbacks = await admin.get('/api/callbacks?tenant_id=2');
      const cbs = Array.isArray(callbacks) ? callbacks : callbacks.callbacks ?? callbacks.items;
      const cb = cbs.find((c) => c.number === caller);
      check(cb, `a callback to ${caller} exists`);
      check(Date.parse(cb.due_at) - Date.now() < 150_000, `it is due within a couple of minutes (${cb.due_at})`);
      // Back to ready: the callback rings here when it falls due.
      await op.click('[data-testid=finish-wrap-up]').catch(() => undefined);
      await until('the operator ready again', async () => {
        const state = await op.locator('[data-testid=agent-state]').getAttribute('data-state');
        if (state === 'not-ready') await op.click('[data-testid=go-ready]').catch(() => undefined);
        return state === 'ready';
      }, 15_000);
      const wait = Math.max(0, Date.parse(cb.due_at) - Date.now()) + 30_000;
      await op.waitForSelector('[data-testid=offer]', { timeout: Math.min(wait, 200_000) });
      const opApi = await ctx.api('op06');
      const desk = await opApi.get('/api/agent');
      check(desk.offer && desk.offer.kind === 'callback', `the offer is the callback: ${JSON.stringify(desk.offer)}`);
      // The callback scheduled by the script is the one ringing.
      const sent = await until('the callback dispatched to this call', async () => {
        const list = await admin.get('/api/callbacks?tenant_id=2');
        const found = (Array.isArray(list) ? list : list.callbacks ?? list.items).find((c) => c.id === cb.id);
        return found && found.status === 'dispatched' ? found : null;
      }, 10_000);
      check(sent.call_id === desk.offer.call, `the offer is the scheduled callback (callback call ${sent.call_id}, offer ${desk.offer.call})`);
      await ctx.shot(op, 'agent-callback-offer');
    } finally {
      await leaveDesk(ctx, 'op06');
    }
  },
};
