// Call recordings, the agent's side: during a call the operator presses
// "Pause recording". The harness's server runs without SIP, so its simulated
// calls are not recorded: the server refuses, the desk shows its words and
// the toggle stays as it was. With a recorded call's answer (served by the
// browser) the toggle turns to "Resume" and stays so over a reload. The call
// goes on (hold, hang up, wrap-up) as before, and the operator's Recordings
// screen lists their own calls: none.
import { attrIs, check, textHas, until } from '../lib.mjs';
import { clearDesks, goReady, hangUpAndWrap, leaveDesk, queueId, ringAndAnswer } from './steps.mjs';

export default {
  name: 'recording_pause',
  async run(ctx) {
    const { admin } = ctx;
    await clearDesks(ctx); // earlier flows may leave operators ready
    const sales = await queueId(admin, 'Продажи');
    const op = await ctx.openAs('op02');
    try {
      await goReady(op);
      await ringAndAnswer(ctx, op, sales, '+79151000231');
      const toggle = op.locator('[data-testid=recording-toggle]');
      await toggle.waitFor();
      check(/приостановить запись|pause recording/i.test(await toggle.innerText()), `the toggle offers a pause: ${await toggle.innerText()}`);
      await attrIs(toggle, 'aria-pressed', 'false');
      await toggle.click();
      const refused = op.locator('[data-testid=recording-error]');
      await refused.waitFor({ timeout: 5_000 });
      await textHas(refused, 'not recorded');
      await textHas(refused, ctx.lang === 'ru' ? 'Запись не приостановлена' : 'Recording not paused');
      await attrIs(toggle, 'aria-pressed', 'false');
      check((await op.locator('[data-testid=recording-state]').count()) === 0, 'no "paused" state is claimed after a refusal');
      await ctx.shot(op, 'agent-recording-refused');

      // A recorded call (SIP) answers {"paused", "recording_id", "call_id"}:
      // served by the browser here, to see the toggle follow the answer and
      // keep it over a reload.
      const callId = (await ctx.api('op02').then((a) => a.get('/api/agent'))).call.call;
      await op.route('**/api/agent/recording', async (route) => {
        const { paused } = JSON.parse(route.request().postData() ?? '{}');
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ paused, recording_id: 77, call_id: callId }) });
      });
      await toggle.click();
      await attrIs(toggle, 'aria-pressed', 'true');
      await attrIs(op.locator('[data-testid=recording-state]'), 'data-paused', 'true');
      check((await op.locator('[data-testid=recording-error]').count()) === 0, 'the refusal is gone');
      check(/возобновить запись|resume recording/i.test(await toggle.innerText()), `the toggle offers to resume: ${await toggle.innerText()}`);
      await op.reload();
      await attrIs(op.locator('[data-testid=recording-toggle]'), 'aria-pressed', 'true', 10_000);
      await op.locator('[data-testid=recording-toggle]').click();
      await attrIs(op.locator('[data-testid=recording-state]'), 'data-paused', 'false');
      await op.unroute('**/api/agent/recording');

      // The rest of the call is untouched.
      await op.click('[data-testid=hold]');
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'on-hold');
      await op.click('[data-testid=resume]');
      await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'on-call');
      await hangUpAndWrap(op);
      check((await op.locator('[data-testid=recording-toggle]').count()) === 0, 'the toggle leaves with the call');

      // The operator's own recordings: the screen is in their navigation.
      await op.click('nav[aria-label=main] a[href="/recordings"]');
      await op.locator('[data-testid=recordings-empty]').waitFor({ timeout: 5_000 });
      check((await op.locator('[data-testid=recordings-filters] select[name=agent], [data-testid=recordings-filters] input[name=agent]').count()) === 0,
        'an operator has no agent filter: the list is their own');
      await until('no error on the list', async () => (await op.locator('[data-testid=recordings-error] .error-note').count()) === 0);
    } finally {
      await leaveDesk(ctx, 'op02');
    }
  },
};
