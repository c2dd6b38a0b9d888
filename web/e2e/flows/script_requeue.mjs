// Issue #8, flow e: S-11 (the operator suddenly feels unwell): a short hold,
// then the caller goes back to the head of the queue; the supervisor's
// wallboard shows who did it and where the caller went.
import { check, textHas, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, openSituationByKeys, queueId, ringAnswerCall, walkScript } from './steps.mjs';

export default {
  name: 'script_requeue',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const opUser = (await admin.get('/api/users')).find((u) => u.login === 'op08');
    const sup = await ctx.openAs('supervisor');
    await sup.waitForSelector('[data-testid=queue-row]');
    const op = await ctx.openAs('op08');
    let call;
    try {
      await goReady(op);
      call = await ringAnswerCall(ctx, op, sales, '+79151000259');
      await openSituationByKeys(op, 'S-11');
      await walkScript(op, {}, (s) => s.action === 'requeue_at_head_and_alert');
      await op.locator('[data-testid=script-action]').click();
      await until('the operator off the call', async () =>
        (await op.locator('[data-testid=agent-state]').getAttribute('data-state')) !== 'on-call', 10_000);

      const alert = sup.locator('[data-testid=alert-requeued]').first();
      await alert.waitFor({ timeout: 10_000 });
      await textHas(alert, opUser.name);
      await textHas(alert, 'Продажи');
      await ctx.shot(sup, 'wallboard-requeued');

      const records = await until('the requeue in the log', async () => {
        const r = await callLog(admin, call);
        return r.some((x) => x.type === 'call.queued' && x.event?.via === 'requeue') ? r : null;
      });
      check(records.some((x) => x.type === 'script.action'), 'the action is logged');
    } finally {
      await leaveDesk(ctx, 'op08');
      // The caller waits at the head of the queue: op10 takes them and hangs up, so later flows start clean.
      if (call) {
        const api = await ctx.api('op10');
        await api.post('/api/agent/login').catch(() => undefined);
        await api.post('/api/agent/ready').catch(() => undefined);
        await until('the requeued caller at op10', async () => (await api.get('/api/agent')).offer, 10_000).catch(() => null);
        const d = await api.get('/api/agent');
        if (d.offer) await api.post('/api/agent/accept', { call: d.offer.call }).catch(() => undefined);
        await leaveDesk(ctx, 'op10');
      }
    }
  },
};
