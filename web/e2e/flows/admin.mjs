// Administration: the sections open and list what the centre has.
import { check } from '../lib.mjs';

export default {
  name: 'admin',
  async run(ctx) {
    const page = await ctx.openAs('admin');
    for (const section of ['users', 'queues', 'products', 'discounts']) {
      await page.click(`[data-testid=admin-tab][data-section=${section}]`);
      await page.waitForSelector('[data-testid=admin-row]');
      check((await page.locator('[data-testid=admin-row]').count()) > 0, `${section} lists rows`);
      if (section === 'users' || section === 'products') await ctx.shot(page, `admin-${section}`);
    }
    const operator = await ctx.openAs('op05');
    await operator.goto(`${ctx.base}/admin`);
    await operator.waitForSelector('[data-testid=state-bar]');
    check(!operator.url().includes('/admin'), 'an operator is sent back to the desktop');
  },
};
