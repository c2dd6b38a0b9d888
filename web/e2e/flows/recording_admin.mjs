// Call recordings, the administrator's side: the queue editor's recording
// policy (record on/off, retention 1–3650 days) is checked before sending,
// saved, and still there after a reload; the user editor shows an operator's
// SIP phone, refuses a short SIP password, sets a good one, and says so when
// the server has no SIP (answer 503, served by the browser: this server's
// SIP accounts still answer without SIP).
import { attrIs, check, textHas, until } from '../lib.mjs';
import { queueId, userId } from './steps.mjs';

export default {
  name: 'recording_admin',
  async run(ctx) {
    const { admin } = ctx;
    const sales = await queueId(admin, 'Продажи');
    const page = await ctx.openAs('admin');
    try {
      await page.click('[data-testid=admin-tab][data-section=queues]');
      const openSales = async () => {
        await page.locator('[data-testid=admin-row]', { hasText: 'Продажи' }).first().click();
        const form = page.locator('[data-testid=queue-recording-form]');
        await form.waitFor({ timeout: 5_000 });
        return form;
      };
      let form = await openSales();
      const days = () => form.locator('input[name=retention_days]');
      const record = () => form.locator('input[name=record]');
      await until('the policy loaded', async () => (await days().inputValue()) === '90');
      check(await record().isChecked(), 'a queue never set records');

      await days().fill('0');
      await form.locator('[data-testid=queue-recording-save]').click();
      await textHas(form.locator('.admin-field-error'), '3650');
      check((await admin.get(`/api/queues/${sales}/recording`)).retention_days === 90, 'a wrong value is not sent');

      await days().fill('30');
      await record().uncheck();
      await form.locator('[data-testid=queue-recording-save]').click();
      await form.locator('[data-testid=queue-recording-saved]').waitFor({ timeout: 5_000 });
      const stored = await admin.get(`/api/queues/${sales}/recording`);
      check(stored.retention_days === 30 && stored.record === false, `the server keeps it: ${JSON.stringify(stored)}`);
      await ctx.shot(page, 'admin-queue-recording');

      await page.reload();
      await page.waitForSelector('[data-testid=admin-row]');
      form = await openSales();
      await until('30 days after the reload', async () => (await days().inputValue()) === '30');
      check(!(await record().isChecked()), 'recording stays off after the reload');

      // The SIP phone of an operator.
      await page.click('[data-testid=admin-tab][data-section=users]');
      await page.locator('[data-testid=admin-row]', { hasText: 'op12' }).first().click();
      const phone = page.locator('[data-testid=sip-phone]');
      await textHas(phone.locator('[data-testid=sip-user]'), 'op12');
      await attrIs(phone.locator('[data-testid=sip-registered]'), 'data-registered', 'false');
      await attrIs(phone.locator('[data-testid=sip-configured]'), 'data-configured', 'false');
      const sipPassword = phone.locator('input[name=sip-password]');
      await sipPassword.fill('short');
      await phone.locator('[data-testid=sip-password-save]').click();
      await textHas(phone.locator('.error-note'), '8');
      check((await phone.locator('[data-testid=sip-password-set]').count()) === 0, 'a short SIP password is not sent');
      await sipPassword.fill('sip-secret-12');
      await phone.locator('[data-testid=sip-password-save]').click();
      await phone.locator('[data-testid=sip-password-set]').waitFor({ timeout: 5_000 });
      const op12 = await userId(admin, 'op12');
      check((await admin.get(`/api/users/${op12}/sip`)).configured === true, 'the SIP password is set');
      await attrIs(phone.locator('[data-testid=sip-configured]'), 'data-configured', 'true');
      await ctx.shot(page, 'admin-user-sip');

      // Someone who takes no calls has no phone.
      await page.locator('[data-testid=admin-row]', { hasText: 'supervisor' }).first().click();
      await page.locator('.admin-side h2', { hasText: 'supervisor' }).first().waitFor({ timeout: 5_000 });
      await until('no SIP phone for a supervisor', async () => (await page.locator('[data-testid=sip-phone]').count()) === 0, 3_000);

      // A server without SIP answers 503.
      await page.route(/\/api\/users\/\d+\/sip$/, (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'SIP accounts are not available on this server' }),
        }));
      await page.locator('[data-testid=admin-row]', { hasText: 'op13' }).first().click();
      await textHas(page.locator('[data-testid=sip-off]'), 'SIP');
      check((await page.locator('[data-testid=sip-password-form]').count()) === 0, 'no SIP password form without SIP');
    } finally {
      await admin.send('PUT', `/api/queues/${sales}/recording`, { record: true, retention_days: 90 }).catch(() => undefined);
    }
  },
};
