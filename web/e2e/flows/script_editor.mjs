// The script editor (issue #8): a supervisor breaks the complaint script (an
// answer now leads to a new, empty step), sees the problem at that step and
// publishing refused; fixes it (the answer back, the empty step removed) and
// publishes; the editor and the API show the next version.
import { check, textHas, until } from '../lib.mjs';

export default {
  name: 'script_editor',
  async run(ctx) {
    const sup = await ctx.api('supervisor');
    const tenant = (await sup.get('/api/me')).tenants[0];
    const versionNow = async () =>
      (await sup.get(`/api/scripts?tenant_id=${tenant}`)).find((r) => r.code === 'complaint' && r.language === 'ru')?.version;
    const before = await versionNow();
    check(before >= 1, `the complaint script exists (version ${before})`);

    const page = await ctx.openAs('supervisor');
    await page.click('nav[aria-label=main] a[href="/scripts"]');
    await page.waitForSelector('[data-testid=scripts-list]');
    await page.click('[data-testid=script-row][data-code=complaint][data-language=ru] a');
    await page.waitForSelector('[data-testid=script-editor] [data-testid=step-form][data-step=category]');
    const summary = page.locator('[data-testid=problems-summary]');
    await until('the loaded script to check clean', async () => (await summary.getAttribute('data-state')) === 'ok');

    // Break it: the first answer of "category" goes to a new, empty step.
    const ids = async () => page.locator('[data-testid=step-form]').evaluateAll((els) => els.map((e) => e.dataset.step));
    const stepsBefore = await ids();
    await page.locator('[data-testid=step-form][data-step=category] select[name=target]').first().selectOption('+new');
    const added = await until('a new step', async () => (await ids()).find((id) => !stepsBefore.includes(id)));
    const fresh = page.locator(`[data-testid=step-form][data-step="${added}"]`);
    await until('the problem at the new step', async () => (await fresh.locator('[data-testid=step-problem]').count()) > 0);
    check((await page.locator('[data-testid=step-form][data-step=greet] [data-testid=step-problem]').count()) === 0, 'a sound step shows no problem');
    check(Number(await summary.getAttribute('data-count')) > 0, 'the summary counts the problems');
    await ctx.shot(page, 'script-editor-problem');

    await page.click('[data-testid=publish]');
    await until('publishing refused', async () => (await summary.locator('.error-note').count()) > 0);
    check((await page.locator('[data-testid=published-version]').count()) === 0, 'no version is reported');
    check((await versionNow()) === before, 'the server kept the old version');

    // Fix it: the answer goes back to the quality case and the empty step goes
    // (the steps end up as they were, so flows after this one meet the same script).
    await page.locator('[data-testid=step-form][data-step=category] select[name=target]').first().selectOption('case_quality');
    await until('the new step to be unreachable', async () => (await fresh.locator('[data-testid=step-problem]').allInnerTexts()).join(' ').includes('unreachable'));
    await fresh.getByRole('button', { name: /Удалить шаг|Remove step/ }).click();
    await until('the script to check clean again', async () => (await summary.getAttribute('data-state')) === 'ok');
    await page.click('[data-testid=publish]');
    await textHas(page.locator('[data-testid=published-version]'), String(before + 1));
    await until('the API to list the new version', async () => (await versionNow()) === before + 1);
    const stored = await sup.get(`/api/scripts/complaint?tenant_id=${tenant}&language=ru`);
    check(stored.script.steps.category.options[0].next === 'case_quality' && !(added in stored.script.steps), 'the published script has the fix');
    await ctx.shot(page, 'script-editor');
  },
};
