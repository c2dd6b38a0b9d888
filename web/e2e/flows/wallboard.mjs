// Flow 3: the supervisor's wallboard counts a call and shows an agent's
// state changes live; the supervisor's own "ready" reaches the agent.
import { attrIs, until } from '../lib.mjs';
import { goReady, hangUpAndWrap, queueId, ringAndAnswer, userId } from './steps.mjs';

export default {
  name: 'wallboard',
  async run(ctx) {
    const { admin } = ctx;
    const sales = await queueId(admin, 'Продажи');
    const op03 = await userId(admin, 'op03');

    const sup = await ctx.openAs('supervisor');
    const queueRow = sup.locator(`[data-testid=queue-row][data-queue-id="${sales}"]`);
    await queueRow.waitFor();
    const offered = async () => Number((await queueRow.locator('[data-testid=q-offered]').innerText()).replace(/\D/g, ''));
    const before = await offered();
    const agentRow = sup.locator(`[data-testid=agent-row][data-agent-id="${op03}"]`);
    const agentState = agentRow.locator('[data-testid=agent-state]');

    const op = await ctx.openAs('op03');
    await goReady(op);
    await attrIs(agentState, 'data-state', 'ready', 5_000);
    await ringAndAnswer(ctx, op, sales, '+79151000074');
    await attrIs(agentState, 'data-state', 'on-call', 5_000);
    await until('the offered count to grow', async () => (await offered()) === before + 1, 5_000);
    await ctx.shot(sup, 'wallboard');
    await hangUpAndWrap(op);
    await op.click('[data-testid=go-not-ready]');
    await attrIs(agentState, 'data-state', 'not-ready', 5_000);

    // The supervisor puts op03 back to ready; the operator's desk follows.
    await agentRow.locator('[data-testid=force-ready]').click();
    await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'ready', 5_000);
    await attrIs(agentState, 'data-state', 'ready', 5_000);
    await agentRow.locator('[data-testid=force-logout]').click();
    await attrIs(op.locator('[data-testid=agent-state]'), 'data-state', 'logged-out', 5_000);
  },
};
