// IVR menus, the administrator's side: a small menu (key 1 to a queue, key 0
// to the operator) on the number 299 is created in the editor and listed;
// then a key leading to a node the menu lacks is refused by the server, whose
// words are shown at the form and at the key, and nothing changes on the server.
import { check, textHas, until } from '../lib.mjs';
import { queueId } from './steps.mjs';

const NAME = 'E2E: меню 299';

export default {
  name: 'ivr',
  async run(ctx) {
    const { admin } = ctx;
    const sales = await queueId(admin, 'Продажи');
    const page = await ctx.openAs('admin');
    const stored = async () => (await admin.get('/api/ivr/menus')).menus.find((m) => m.name === NAME);
    try {
      await page.click('[data-testid=admin-tab][data-section=ivr]');
      await page.click('[data-testid=admin-new]');
      const form = page.locator('[data-testid=admin-form]');
      await form.locator('input[name=name]').fill(NAME);
      await form.locator('input[name=numbers]').fill('299');
      await form.locator('select[name=operator_queue]').selectOption(String(sales));
      const main = form.locator('[data-testid=ivr-node][data-node=main]');
      await main.locator('textarea[name=node-say]').fill('Чтобы сделать заказ, нажмите 1. Чтобы поговорить с оператором — 0.');

      await main.locator('[data-testid=ivr-add-key]').click();
      const one = main.locator('[data-testid=ivr-key][data-key="1"]');
      await one.locator('select[name=kind]').selectOption('queue');
      await one.locator('select[name=queue]').selectOption(String(sales));
      await one.locator('input[name=topic]').fill('Заказ');

      await main.locator('[data-testid=ivr-add-key]').click();
      await main.locator('[data-testid=ivr-key][data-key="2"] select[name=key]').selectOption('0');
      await main.locator('[data-testid=ivr-key][data-key="0"] select[name=kind]').selectOption('operator');

      await form.locator('[data-testid=admin-save]').click();
      await page.locator('[data-testid=admin-row]', { hasText: NAME }).first().waitFor({ timeout: 5_000 });
      await textHas(page.locator('[data-testid=admin-row]', { hasText: NAME }).first(), '299');
      const menu = await until('the menu on the server', stored);
      check(menu.numbers.join() === '299' && menu.start === 'main', `numbers and start: ${JSON.stringify(menu)}`);
      const keys = menu.nodes.main.keys;
      check(keys['1'].action === 'queue' && keys['1'].queue === sales && keys['1'].topic === 'Заказ', `key 1: ${JSON.stringify(keys['1'])}`);
      check(keys['0'].action === 'operator' && Object.keys(keys).length === 2, `keys: ${JSON.stringify(keys)}`);
      await ctx.shot(page, 'admin-ivr');

      // Key 2 to a node nobody added: the server names the key and the node.
      const edit = page.locator('[data-testid=admin-form]');
      await edit.locator('h2', { hasText: NAME }).waitFor({ timeout: 5_000 }).catch(() => undefined);
      const node = edit.locator('[data-testid=ivr-node][data-node=main]');
      await node.locator('[data-testid=ivr-add-key]').click();
      const two = node.locator('[data-testid=ivr-key][data-key="2"]');
      await two.locator('select[name=kind]').selectOption('menu');
      await two.locator('input[name=node]').fill('promotions');
      await edit.locator('[data-testid=admin-save]').click();
      await textHas(edit.locator('[data-testid=admin-error]'), 'promotions');
      await textHas(two.locator('.admin-field-error'), 'promotions');
      const after = await stored();
      check(!('2' in after.nodes.main.keys), `a refused menu is not stored: ${JSON.stringify(after.nodes.main.keys)}`);
      check((await edit.locator('input[name=name]').inputValue()) === NAME, 'the form keeps what was typed');
      await ctx.shot(page, 'admin-ivr-refused');
    } finally {
      const menu = await stored().catch(() => undefined);
      if (menu) await admin.send('DELETE', `/api/ivr/menus/${menu.id}`).catch(() => undefined);
    }
  },
};
