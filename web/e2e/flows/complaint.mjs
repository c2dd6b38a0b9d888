// Flow 2: an operator (op07 takes the complaints line) records a complaint about service quality; it lands
// with quality control (the QA specialist's inbox) while they watch.
import { check, textHas, until } from '../lib.mjs';
import { goReady, hangUpAndWrap, queueId, ringAndAnswer } from './steps.mjs';

export default {
  name: 'complaint',
  async run(ctx) {
    const { admin } = ctx;
    const complaints = await queueId(admin, 'Жалобы');
    const category = (await admin.get('/api/case-categories?tenant_id=2')).find((c) => c.code === 'quality');
    check(category, 'the demo has a "quality" case category');

    const qa = await ctx.openAs('qa');
    await qa.waitForSelector('[data-testid=case-row]');

    const op = await ctx.openAs('op07');
    await goReady(op);
    await ringAndAnswer(ctx, op, complaints, '+79151000037');
    const form = op.locator('[data-testid=case-form]');
    await form.waitFor();
    const text = `Оператор перебил клиента и не дослушал вопрос (проверка ${Date.now()})`;
    await form.locator('select[name=case-kind]').selectOption('complaint');
    await form.locator('select[name=case-category]').selectOption({ label: category.label });
    await form.locator('textarea[name=case-text]').fill(text);
    await ctx.shot(op, 'agent-complaint');
    await form.locator('[data-testid=open-case]').click();
    await op.waitForSelector('[data-testid=case-opened]');

    const row = qa.locator('[data-testid=case-row]', { hasText: text.slice(0, 40) });
    await row.waitFor({ timeout: 5_000 });
    const cases = await admin.get('/api/cases?tenant_id=2');
    const list = Array.isArray(cases) ? cases : cases.cases ?? cases.items;
    const stored = list.find((c) => `${c.summary} ${c.details}`.includes(text.slice(0, 40)));
    check(stored && stored.department_id === category.department_id, 'the case is routed to the category department');
    check(/качеств/i.test(stored.department_name), `the department is quality control (${stored.department_name})`);
    await row.click();
    await textHas(qa.locator('[data-testid=case-details]'), text.slice(0, 40));
    await ctx.shot(qa, 'qa-cases');
    // The address names the case, so a reload (or a link sent to a colleague) opens it again.
    await until('the address to follow the case', () => qa.url().endsWith(`/cases/${stored.id}`));
    await qa.reload();
    await textHas(qa.locator('[data-testid=case-details]'), text.slice(0, 40));
    await hangUpAndWrap(op);
    await op.click('[data-testid=go-not-ready]');
  },
};
