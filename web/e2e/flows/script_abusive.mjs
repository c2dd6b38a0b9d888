// Issue #8, flow a: during a call the operator opens S-02 (threats or insults)
// from the playbook by keyboard, walks it to the end (the caller goes on
// insulting) and the call ends; the log has script.outcome "abusive".
import { attrIs, check, until } from '../lib.mjs';
import { callLog, clearDesks, goReady, leaveDesk, openSituationByKeys, queueId, ringAnswerCall, walkScript } from './steps.mjs';

export default {
  name: 'script_abusive',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const op = await ctx.openAs('op02');
    try {
      await goReady(op);
      const call = await ringAnswerCall(ctx, op, sales, '+79151000185');
      await openSituationByKeys(op, 'S-02');
      await ctx.shot(op, 'agent-situation');
      // "Did the caller calm down?" — no, they go on (the second answer).
      const seen = await walkScript(op, { check: { option: 1 } }, (s) => s.action === 'end_call');
      const last = seen[seen.length - 1];
      check(last.run === 'situation', 'the steps are the situation\'s while it is open');
      const button = op.locator('[data-testid=script-action]');
      check(/оскорблени|abusive/i.test(await button.innerText()), `the button says the call ends as abusive: ${await button.innerText()}`);
      await button.click();
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'wrap-up', 10_000);
      await op.locator('[data-testid=script-done] li[data-action=end_call]').waitFor({ timeout: 5_000 });

      const log = await until('script.outcome in the log', async () => {
        const records = await callLog(admin, call);
        return records.some((r) => r.type === 'script.outcome') ? records : null;
      });
      const outcome = log.find((r) => r.type === 'script.outcome');
      check(outcome.event.outcome === 'abusive', `the outcome is abusive: ${JSON.stringify(outcome.event)}`);
      check(log.some((r) => r.type === 'script.step'), 'the steps shown are logged');
      check(log.some((r) => r.type === 'call.ended'), 'the call ended');
    } finally {
      await leaveDesk(ctx, 'op02');
    }
  },
};
