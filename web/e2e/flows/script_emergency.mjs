// Issue #8, flow b: S-15 (an emergency): the operator keeps the caller on the
// line, notes what happened, consults the team lead (lead1, ready at their
// desk, accepts through the API) and then transfers the caller to 112.
import { check, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, openSituationByKeys, queueId, ringAnswerCall, stepMovedFrom, userId, walkScript } from './steps.mjs';

export default {
  name: 'script_emergency',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const leadId = await userId(admin, 'lead1');
    const lead = await ctx.api('lead1');
    await lead.post('/api/agent/login');
    await lead.post('/api/agent/ready');
    const op = await ctx.openAs('op04');
    try {
      await goReady(op);
      const call = await ringAnswerCall(ctx, op, sales, '+79151000222');
      await openSituationByKeys(op, 'S-15');
      const details = `Пожар в подъезде, Москва, ул. Лесная, д. 7 (${Date.now()})`;
      await walkScript(op, { where: { value: details } }, (s) => s.action === 'consult_supervisor_then_transfer');
      const panel = op.locator('[data-testid=script-panel]');
      const action = panel.locator('[data-testid=script-action]');
      check((await action.getAttribute('data-stage')) !== 'transfer', 'the first confirm consults');
      check(await panel.locator('[data-testid=script-skip-consult]').isVisible(), 'a transfer without consult is offered');
      await ctx.shot(op, 'agent-emergency');
      await action.click();

      // The team lead's desk rings with the consult; they take it.
      const offer = await until('the consult offer at lead1', async () => (await lead.get('/api/agent')).offer, 10_000);
      await lead.post('/api/agent/accept', { call: offer.call });
      await until('the transfer stage', async () => (await action.getAttribute('data-stage')) === 'transfer', 10_000);
      check((await action.innerText()).includes('112'), `the second confirm transfers to 112: ${await action.innerText()}`);
      check((await panel.locator('[data-testid=script-skip-consult]').count()) === 0, 'no skip once consulted');
      const stepId = await panel.locator('[data-testid=script-step]').first().getAttribute('data-step');
      await action.click();
      await until('the operator to be off the call', async () =>
        (await op.locator('[data-testid=agent-state]').getAttribute('data-state')) !== 'on-call', 10_000);
      await stepMovedFrom(op, stepId, 5_000).catch(() => undefined);

      const log = await until('the consult and the transfer to 112 in the log', async () => {
        const records = await callLog(admin, call);
        const consult = records.find((r) => r.type === 'consult.started');
        const transfer = records.find((r) => r.type === 'call.transferred' && String(r.event?.number ?? '').includes('112'));
        return consult && transfer ? { records, consult, transfer } : null;
      }, 10_000);
      const consultedLead = log.records.some((r) => r.type === 'consult.connected' && r.event?.with_agent === leadId) ||
        JSON.stringify(log.consult.event).includes(String(leadId));
      check(consultedLead, `the consult went to lead1: ${JSON.stringify(log.consult.event)}`);
      check(log.records.some((r) => r.type === 'script.action'), 'the actions are logged');
    } finally {
      await leaveDesk(ctx, 'op04');
      await leaveDesk(ctx, 'lead1');
    }
  },
};
