// End-to-end tests of the web app against the real server (see lib.mjs).
//   node e2e/run.mjs                 every flow, in Russian
//   node e2e/run.mjs --screenshots   every flow in Russian and in English,
//                                    writing docs/screenshots/<screen>.<lang>.png
//   node e2e/run.mjs order wallboard only the flows named
// Needs web/dist (npm run build) and build/release/src/app/callcenter
// (CC_BINARY and CC_WEB_ROOT override them). Exits 1 if any flow fails; a failing flow leaves a
// screenshot of every open page in web/e2e/out/.
import { join } from 'node:path';
import { Api, Server, ensureDir, launchBrowser, repo } from './lib.mjs';
import order from './flows/order.mjs';
import complaint from './flows/complaint.mjs';
import wallboard from './flows/wallboard.mjs';
import badEntry from './flows/bad_entry.mjs';
import team from './flows/team.mjs';
import admin from './flows/admin.mjs';
import ivr from './flows/ivr.mjs'; // IVR menus: the editor and the server's refusal
import scriptEditor from './flows/script_editor.mjs'; // issue #8
// call recordings: the desk's pause, the Recordings screen, the admin's policy and SIP phone
import recordingPause from './flows/recording_pause.mjs';
import recordings from './flows/recordings.mjs';
import recordingAdmin from './flows/recording_admin.mjs';
import consult from './flows/consult.mjs'; // issue 10: consult, conference and hand-over from the desk
// issue #8: call scripts and the playbook
import scriptAbusive from './flows/script_abusive.mjs';
import scriptEmergency from './flows/script_emergency.mjs';
import scriptQuality from './flows/script_quality.mjs';
import scriptCallback from './flows/script_callback.mjs';
import scriptRequeue from './flows/script_requeue.mjs';
import scriptSale from './flows/script_sale.mjs';

const all = [order, complaint, wallboard, badEntry, team, admin, ivr, consult,
  recordingPause, recordings, recordingAdmin, // before the scripts' flows, which clear the desks again
  scriptSale, scriptAbusive, scriptEmergency, scriptQuality, scriptCallback, scriptRequeue, // issue #8: the requeue last (its caller waits)
  scriptEditor]; // issue #8: the editor publishes a new complaint version (same steps)
const args = process.argv.slice(2);
const screenshots = args.includes('--screenshots');
const named = args.filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !all.some((f) => f.name === n));
if (unknown.length) {
  console.error(`no such flow: ${unknown.join(', ')}; the flows are: ${all.map((f) => f.name).join(', ')}`);
  process.exit(2);
}
const flows = named.length ? all.filter((f) => named.includes(f.name)) : all;
const langs = screenshots ? ['ru', 'en'] : ['ru'];
const binary = process.env.CC_BINARY ?? join(repo, 'build/release/src/app/callcenter');
const webRoot = process.env.CC_WEB_ROOT ?? join(repo, 'web/dist');
const shotsDir = join(repo, 'docs/screenshots');
const outDir = join(repo, 'web/e2e/out');

let failed = 0;
for (const lang of langs) {
  // Chromium draws date and time inputs in its own UI language.
  const browser = await launchBrowser(lang === 'ru' ? 'ru-RU' : 'en-GB');
  try {
    const server = await Server.start({ binary, webRoot });
    try {
      const adminApi = await Api.login(server.base, 'admin', server.passwords.admin);
      for (const flow of flows) {
        const contexts = [];
        const ctx = {
          lang,
          base: server.base,
          admin: adminApi,
          passwords: server.passwords,
          api: (login) => Api.login(server.base, login, server.passwords[login]),
          // A new browser (own cookies) signed in as `login`, on its home screen.
          async openAs(login) {
            const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang === 'ru' ? 'ru-RU' : 'en-GB' });
            contexts.push(context);
            await context.addInitScript((l) => localStorage.setItem('cc.lang', l), lang);
            const page = await context.newPage();
            page.on('pageerror', (e) => console.error(`  [${login}] page error: ${e.message}`));
            await page.goto(server.base);
            await page.fill('input[name=login]', login);
            await page.fill('input[name=password]', server.passwords[login]);
            await page.click('button[type=submit]');
            await page.waitForSelector('[data-testid=who]');
            return page;
          },
          async shot(page, name) {
            if (!screenshots) return;
            ensureDir(shotsDir);
            await page.waitForTimeout(300);
            await page.screenshot({ path: join(shotsDir, `${name}.${lang}.png`) });
          },
        };
        const started = Date.now();
        try {
          await flow.run(ctx);
          console.log(`ok    ${flow.name} (${lang}) ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } catch (e) {
          failed++;
          console.log(`FAIL  ${flow.name} (${lang}): ${e.stack ?? e}`);
          ensureDir(outDir);
          let i = 0;
          for (const c of contexts) for (const p of c.pages()) await p.screenshot({ path: join(outDir, `${flow.name}-${lang}-${i++}.png`) }).catch(() => {});
        } finally {
          for (const c of contexts) await c.close().catch(() => {});
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await browser.close();
  }
}
console.log(failed ? `${failed} flow(s) failed` : 'all flows passed');
process.exit(failed ? 1 : 0);
