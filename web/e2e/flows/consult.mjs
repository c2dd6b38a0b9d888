// Issue 10, the desk's consult controls: during a call the operator (op11)
// opens the transfer panel and consults a colleague (op12, who accepts
// through the API) while the caller holds; the consult bar says whom and
// whether they are on; the operator joins all three in a conference, lets the
// colleague go, consults again and hands the caller over. The call's log
// keeps the whole chain.
import { attrIs, check, textHas, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, queueId, userId } from './steps.mjs';

async function consultMate(op, mate, mateId) {
  await op.click('[data-testid=transfer]');
  await op.selectOption('select[name="transfer-to"]', 'agent');
  await op.selectOption('select[name="transfer-target"]', String(mateId));
  await op.click('[data-testid=consult-start]');
  const bar = op.locator('[data-testid=consult-bar]');
  await bar.waitFor({ timeout: 5_000 });
  const offer = await until('the consult offer at op12', async () => (await mate.get('/api/agent')).offer, 10_000);
  check(offer.kind === 'consult', `op12 is asked for a consult: ${JSON.stringify(offer)}`);
  return { bar, offer };
}

export default {
  name: 'consult',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const mateId = await userId(admin, 'op12');
    const mateName = (await admin.get('/api/users')).find((u) => u.login === 'op12').name;
    const mate = await ctx.api('op12');
    const op = await ctx.openAs('op11');
    try {
      await goReady(op);
      const placed = await admin.post('/api/sim/calls', { queue: sales, caller: '+79151000244' });
      await op.waitForSelector('[data-testid=offer]', { timeout: 10_000 });
      await op.click('[data-testid=answer]');
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'on-call');
      // The colleague takes their seat only now, so the call above came to op11.
      await mate.post('/api/agent/login');
      await mate.post('/api/agent/ready');

      const first = await consultMate(op, mate, mateId);
      const bar = first.bar;
      await attrIs(bar, 'data-connected', 'false');
      await textHas(op.locator('[data-testid=consult-status]'), mateName);
      check(await op.locator('[data-testid=consult-transfer]').isDisabled(), 'no hand-over before the colleague answers');
      check(await op.locator('[data-testid=hold]').isDisabled(), 'hold is not offered while consulting');
      await ctx.shot(op, 'agent-consult');
      await mate.post('/api/agent/accept', { call: first.offer.call });
      await attrIs(bar, 'data-connected', 'true', 10_000);
      check(!(await op.locator('[data-testid=consult-conference]').isDisabled()), 'a conference is offered once they answer');

      await op.click('[data-testid=consult-conference]');
      await attrIs(bar, 'data-conference', 'true', 10_000);
      await op.locator('[data-testid=conference-badge]').waitFor({ timeout: 5_000 });
      await textHas(op.locator('[data-testid=consult-return]'), mateName);
      await ctx.shot(op, 'agent-conference');

      // The colleague leaves the conference; the operator talks on with the caller.
      await op.click('[data-testid=consult-return]');
      await until('the consult bar to close', async () => (await bar.count()) === 0, 10_000);
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'on-call');
      const after = await until('op12 off the call', async () => {
        const d = await mate.get('/api/agent');
        return d.call ? null : d;
      }, 10_000);
      if (after.state === 'wrap-up') await mate.post('/api/agent/wrap-up', { note: 'e2e' });
      await until('op12 ready again', async () => {
        const d = await mate.get('/api/agent');
        if (d.state !== 'ready') await mate.post('/api/agent/ready').catch(() => undefined);
        return d.state === 'ready';
      }, 10_000);

      // Consult again and hand the caller over.
      const second = await consultMate(op, mate, mateId);
      await mate.post('/api/agent/accept', { call: second.offer.call });
      await attrIs(second.bar, 'data-connected', 'true', 10_000);
      await op.click('[data-testid=consult-transfer]');
      await until('op11 off the call', async () =>
        (await op.locator('[data-testid=agent-state]').getAttribute('data-state')) !== 'on-hold' &&
        (await op.locator('[data-testid=agent-state]').getAttribute('data-state')) !== 'on-call', 10_000);
      await until('op12 to have the caller', async () => (await mate.get('/api/agent')).call?.call === placed.call, 10_000);

      const log = await until('the chain in the call log', async () => {
        const records = await callLog(admin, placed.call);
        const ended = records.filter((r) => r.type === 'consult.ended').map((r) => r.event?.outcome);
        const handed = records.some((r) => r.type === 'call.transferred' && r.event?.to_agent === mateId);
        return ended.length >= 3 && handed ? { records, ended } : null;
      }, 10_000);
      check(log.records.filter((r) => r.type === 'consult.started').length === 2, 'two consults are logged');
      check(JSON.stringify(log.ended) === JSON.stringify(['conference', 'return', 'transfer']),
        `conference, its end, then the hand-over: ${JSON.stringify(log.ended)}`);
    } finally {
      await leaveDesk(ctx, 'op11');
      await leaveDesk(ctx, 'op12');
    }
  },
};
