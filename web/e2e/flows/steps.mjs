// Steps several flows share: an operator getting ready and answering a call.
import { attrIs, until } from '../lib.mjs';

export async function queueId(admin, name) {
  const q = (await admin.get('/api/queues')).find((x) => x.name === name);
  if (!q) throw new Error(`no queue ${name}`);
  return q.id;
}

export async function userId(admin, login) {
  const u = (await admin.get('/api/users')).find((x) => x.login === login);
  if (!u) throw new Error(`no user ${login}`);
  return u.id;
}

export async function goReady(page) {
  await page.click('[data-testid=go-ready]');
  await attrIs(page.locator('[data-testid=agent-state]'), 'data-state', 'ready');
}

// Injects a call into `queue` from `caller` and answers it on `page`.
export async function ringAndAnswer(ctx, page, queue, caller) {
  await ctx.admin.post('/api/sim/calls', { queue, caller });
  await page.waitForSelector('[data-testid=offer]', { timeout: 10_000 });
  await page.click('[data-testid=answer]');
  await attrIs(page.locator('[data-testid=agent-state]'), 'data-state', 'on-call');
  await until('the call panel', () => page.locator('[data-testid=call]').isVisible());
}

// Hangs up, picks the first disposition and finishes wrap-up.
export async function hangUpAndWrap(page) {
  await page.click('[data-testid=hangup]');
  await page.waitForSelector('[data-testid=wrap-up]');
  const select = page.locator('[data-testid=wrap-up] select[name=disposition]');
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  if (values.length) await select.selectOption(values[0]);
  await page.click('[data-testid=finish-wrap-up]');
  await until('wrap-up to end', async () =>
    (await page.locator('[data-testid=agent-state]').getAttribute('data-state')) !== 'wrap-up');
}
