// Call recordings, the reader's side: a supervisor opens Recordings from the
// navigation and sees the empty state of the real server (no SIP here, so
// nothing is recorded), filters by days (the server accepts the query) and
// is stopped before asking with a call number that is not a number. The
// rows themselves are then drawn from an answer shaped like api/openapi.yaml's
// Recording (served by the browser, since this server records nothing): a
// player and a download for the supervisor, the flags, and for a director —
// who reads but may not listen — no player.
import { attrIs, check, textHas, until } from '../lib.mjs';
import { queueId, userId } from './steps.mjs';

function recordingsAnswer(sales, op01, op04) {
  const base = {
    tenant_id: 2, queue_id: sales, pauses: 0, paused_seconds: 0, repaired: false,
    deleted: false, deleted_at: null, deleted_reason: null,
  };
  return {
    recordings: [
      { ...base, id: 903, call_id: 7003, agent_id: op01, started_at: '2026-11-27T08:15:00Z', ended_at: '2026-11-27T08:18:05Z',
        duration_seconds: 185, pauses: 2, paused_seconds: 14.2, audio: '/api/recordings/903/audio' },
      { ...base, id: 902, call_id: 7002, agent_id: op04, started_at: '2026-11-26T08:00:00Z', ended_at: '2026-11-26T08:01:00Z',
        duration_seconds: 60, repaired: true, audio: '/api/recordings/902/audio' },
      { ...base, id: 901, call_id: 7001, agent_id: op01, started_at: '2026-08-01T08:00:00Z', ended_at: '2026-08-01T08:02:00Z',
        duration_seconds: 120, deleted: true, deleted_at: '2026-10-30T03:00:00Z', deleted_reason: 'retention', audio: null },
    ],
  };
}

async function serveList(page, body) {
  await page.route(/\/api\/recordings(\?.*)?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) }));
}

export default {
  name: 'recordings',
  async run(ctx) {
    const { admin } = ctx;
    const sales = await queueId(admin, 'Продажи');
    const op01 = await userId(admin, 'op01');
    const op04 = await userId(admin, 'op04');

    const sup = await ctx.openAs('supervisor');
    await sup.click('nav[aria-label=main] a[href="/recordings"]');
    await sup.locator('[data-testid=recordings-empty]').waitFor({ timeout: 5_000 });
    await ctx.shot(sup, 'recordings-empty');

    // A call number that is not one is caught before the request.
    const filters = sup.locator('[data-testid=recordings-filters]');
    await filters.locator('input[name=call]').fill('12a');
    await sup.click('[data-testid=recordings-show]');
    await sup.locator('[data-testid=recordings-check]').waitFor();
    await filters.locator('input[name=call]').fill('');
    // Days: the server takes the range (a wrong time would be a 400 shown here).
    const today = await sup.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await filters.locator('input[name=from]').fill(today);
    await filters.locator('input[name=to]').fill(today);
    await sup.click('[data-testid=recordings-show]');
    await attrIs(sup.locator('[data-testid=recordings-empty]'), 'data-filtered', 'true', 5_000);
    check((await sup.locator('[data-testid=recordings-check]').count()) === 0, 'the check is gone');
    check((await sup.locator('[data-testid=recordings-error] .error-note').count()) === 0,
      `no error: ${await sup.locator('[data-testid=recordings-error]').innerText()}`);

    // Rows as the server would send them.
    const body = recordingsAnswer(sales, op01, op04);
    await serveList(sup, body);
    await sup.click('[data-testid=recordings-show]');
    const rows = sup.locator('[data-testid=recording-row]');
    await until('three rows', async () => (await rows.count()) === 3);
    const first = sup.locator('[data-testid=recording-row][data-recording-id="903"]');
    await textHas(first.locator('[data-testid=recording-duration]'), '3:05');
    await textHas(first.locator('[data-testid=recording-pauses]'), '2 (0:14)');
    await textHas(first, 'Продажи');
    await attrIs(first.locator('[data-testid=recording-audio]'), 'src', '/api/recordings/903/audio');
    await attrIs(first.locator('[data-testid=recording-audio]'), 'preload', 'none');
    await attrIs(first.locator('[data-testid=recording-download]'), 'href', '/api/recordings/903/audio?download=1');
    const repaired = sup.locator('[data-testid=recording-row][data-recording-id="902"]');
    await textHas(repaired.locator('[data-testid=recording-flags]'), ctx.lang === 'ru' ? 'восстановлена' : 'repaired');
    const deleted = sup.locator('[data-testid=recording-row][data-recording-id="901"]');
    await textHas(deleted.locator('[data-testid=recording-flags]'), ctx.lang === 'ru' ? 'срок хранения' : 'retention');
    check((await deleted.locator('[data-testid=recording-audio]').count()) === 0, 'a deleted recording has no player');
    check((await sup.locator('[data-testid=recordings-filters] select[name=agent]').count()) === 1, 'a supervisor filters by operator');
    await ctx.shot(sup, 'recordings');

    // A director reads the list but does not listen.
    const director = await ctx.openAs('director');
    await serveList(director, body);
    await director.click('nav[aria-label=main] a[href="/recordings"]');
    await until('three rows for the director', async () => (await director.locator('[data-testid=recording-row]').count()) === 3);
    check((await director.locator('[data-testid=recording-audio]').count()) === 0, 'no player for a director');
    check((await director.locator('[data-testid=recording-download]').count()) === 0, 'no download for a director');
    await director.locator('[data-testid=recording-row][data-recording-id="903"] [data-testid=recording-no-listen]').waitFor();

    // Roles without recordings.read do not see the screen.
    const manager = await ctx.openAs('manager');
    check((await manager.locator('nav[aria-label=main] a[href="/recordings"]').count()) === 0, 'no Recordings for a manager');
    await manager.goto(`${ctx.base}/recordings`);
    await until('the manager is sent home', async () => !manager.url().includes('/recordings'));
  },
};
