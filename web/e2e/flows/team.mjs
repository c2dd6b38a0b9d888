// The team lead's view: their team's operators with today's figures.
import { check, until } from '../lib.mjs';
import { userId } from './steps.mjs';

export default {
  name: 'team',
  async run(ctx) {
    const lead = await ctx.openAs('lead1');
    await lead.waitForSelector('[data-testid=team-row]');
    const op01 = await userId(ctx.admin, 'op01');
    const op11 = await userId(ctx.admin, 'op11');
    await until('op01 in the team', () => lead.locator(`[data-testid=team-row][data-agent-id="${op01}"]`).count());
    check((await lead.locator(`[data-testid=team-row][data-agent-id="${op11}"]`).count()) === 0, 'another team stays hidden');
    await ctx.shot(lead, 'team-lead');
  },
};
