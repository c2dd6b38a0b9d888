// Steps several flows share: an operator getting ready and answering a call.
import { attrIs, sleep, until } from '../lib.mjs';

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

// --- call scripts and the playbook (issue #8) --------------------------------
// Injects a call into `queue`, answers it on `page` and returns the call's id.
export async function ringAnswerCall(ctx, page, queue, caller) {
  const placed = await ctx.admin.post('/api/sim/calls', { queue, caller });
  await page.waitForSelector('[data-testid=offer]', { timeout: 10_000 });
  await page.click('[data-testid=answer]');
  await attrIs(page.locator('[data-testid=agent-state]'), 'data-state', 'on-call');
  await page.waitForSelector('[data-testid=script-panel] [data-testid=script-step], [data-testid=script-panel] .agent-script-empty', { timeout: 10_000 });
  return placed.call;
}

// The script's current step as the panel shows it: { id, kind, run, text }.
export async function scriptStepNow(page) {
  const step = page.locator('[data-testid=script-panel] [data-testid=script-step]').first();
  await step.waitFor({ timeout: 5_000 });
  const text = (await step.locator('[data-testid=script-text]').count()) ? await step.locator('[data-testid=script-text]').innerText() : '';
  const action = step.locator('[data-testid=script-action]');
  const hasAction = (await action.count()) > 0;
  const value = step.locator('[data-testid=script-value]');
  return {
    id: await step.getAttribute('data-step'),
    kind: await step.getAttribute('data-kind'),
    run: await step.getAttribute('data-run'),
    ended: (await step.getAttribute('data-ended')) === 'true',
    text,
    action: hasAction ? await action.getAttribute('data-action') : null,
    stage: hasAction ? await action.getAttribute('data-stage') : null,
    input: (await value.count()) ? await value.getAttribute('type') : null,
    value: (await value.count()) ? await value.inputValue() : null,
  };
}

// Waits until the step shown is no longer `id` (the answer of a click is in).
export async function stepMovedFrom(page, id, timeout = 5_000) {
  return until(`the script to leave step ${id}`, async () => {
    const error = page.locator('[data-testid=script-error]');
    if (await error.count()) throw new Error(`script error at ${id}: ${await error.innerText()}`);
    const now = await page.locator('[data-testid=script-panel] [data-testid=script-step]').first().getAttribute('data-step', { timeout: 500 }).catch(() => null);
    const ended = await page.locator('[data-testid=script-panel] [data-testid=script-step][data-ended=true]').count();
    return now !== id || ended > 0 || (await page.locator('[data-testid=script-panel] [data-testid=script-step]').count()) === 0;
  }, timeout);
}

// Opens a playbook situation from the keyboard: Alt+P, the code, Enter.
// Alt+P only focuses (pressing it again is harmless), and a press that lands
// while the desk is still re-rendering after an answer finds no search box
// yet: it is pressed again each second until the search has the focus.
export async function openSituationByKeys(page, code) {
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'playbook-search');
  let pressed = 0;
  await until('the playbook search to have the focus', async () => {
    if (await focused()) return true;
    if (Date.now() - pressed >= 1_000) {
      await page.keyboard.press('Alt+KeyP');
      pressed = Date.now();
    }
    return false;
  });
  await page.keyboard.type(code);
  await until(`${code} first in the playbook`, async () => (await page.locator('[data-testid=playbook-entry]').first().getAttribute('data-code')) === code);
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid=situation][data-code="${code}"]`).waitFor({ timeout: 10_000 });
}

// Every interaction-log record of one call (GET /api/calls/{id}/log as admin).
export async function callLog(admin, call) {
  const r = await admin.get(`/api/calls/${call}/log`);
  return (r.records ?? []).filter((rec) => rec.call === undefined || rec.call === null || rec.call === call);
}

// Takes `login` off the desk through the API (answer what rings, hang up,
// finish wrap-up, sign off), so the next flow's calls never reach them.
export async function leaveDesk(ctx, login) {
  const api = await ctx.api(login);
  for (let i = 0; i < 8; i++) {
    const d = await api.get('/api/agent').catch(() => null);
    if (!d || d.state === 'logged-out') return;
    try {
      // A ringing call is taken and ended here, so it does not wait for the next flow's operator.
      if (d.offer) await api.post('/api/agent/accept', { call: d.offer.call });
      else if (d.call) await api.post('/api/agent/hangup');
      else if (d.state === 'wrap-up') await api.post('/api/agent/wrap-up', { note: 'e2e' });
      else await api.post('/api/agent/logout');
    } catch {
      await sleep(300);
    }
  }
}

// Walks the script on `page` through the panel until `stop(step)` is true.
// `plan[stepId]` says what to do at a step: { option: i } (by the key i + 1),
// { value: '…' } (typed, then Enter), 'action', 'skip-consult' or 'next';
// a say step goes on by itself, an action step is confirmed. Returns the steps seen.
export async function walkScript(page, plan, stop, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const step = await scriptStepNow(page);
    seen.push(step);
    if (stop(step)) return seen;
    if (step.ended) throw new Error(`the script ended at ${step.id} before the stop`);
    const what = plan[step.id] ?? (step.kind === 'ask' ? { option: 0 } : step.kind === 'action' ? 'action' : 'next');
    const panel = page.locator('[data-testid=script-panel]');
    if (what.option !== undefined) {
      await panel.locator('[data-testid=script-option]').first().focus();
      await page.keyboard.press(String(what.option + 1));
    } else if (what.value !== undefined || step.kind === 'collect') {
      const value = what.value === undefined ? step.value : typeof what.value === 'function' ? what.value(step) : what.value;
      if (!value) throw new Error(`no value planned for the collect step ${step.id}`);
      await panel.locator('[data-testid=script-value]').fill(value);
      await panel.locator('[data-testid=script-value]').press('Enter');
    } else if (what === 'skip-consult') {
      await panel.locator('[data-testid=script-skip-consult]').click();
    } else if (what === 'action' || step.kind === 'action') {
      await panel.locator('[data-testid=script-action]').click();
    } else {
      await panel.locator('[data-testid=script-next]').click();
    }
    await stepMovedFrom(page, step.id);
  }
  throw new Error(`no stop within ${max} steps`);
}

// A date-time `ms` from now as a datetime-local value (YYYY-MM-DDTHH:MM) on the
// wall clock of `timeZone` (this machine's when not given: the server reads
// script date-times in the centre's local time, the same machine's here).
export function localDateTime(ms, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// Signs every agent out (as admin) so the calls a flow injects ring only at
// the desks it opens; an agent on a call follows once the call is done.
export async function clearDesks(ctx) {
  const picture = await ctx.admin.get('/api/realtime');
  for (const row of picture.agents ?? []) {
    if (row.state && row.state !== 'logged-out') {
      await ctx.admin.post(`/api/agents/${row.agent}/state`, { state: 'logged-out' }).catch(() => undefined);
    }
  }
  await until('every desk signed out', async () => {
    const p = await ctx.admin.get('/api/realtime');
    return (p.agents ?? []).every((r) => !r.state || r.state === 'logged-out' || r.state === 'on-call' || r.state === 'wrap-up' || r.state === 'on-hold');
  }, 10_000);
}
