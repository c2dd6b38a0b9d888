import { describe, expect, it } from 'vitest';
import { translate } from '../core/i18n';
import { catalogue } from '../core/messages';
import {
  actionLabel,
  activeRun,
  datetimeValue,
  doneText,
  hasMissing,
  offersSkipConsult,
  optionFromKey,
  pathView,
  stepView,
  type Run,
  type ScriptSession,
  type StepAction,
} from './scriptSession';

const en = (key: string, vars?: Record<string, string | number>) => translate(catalogue, 'en', key, vars);
const ru = (key: string, vars?: Record<string, string | number>) => translate(catalogue, 'ru', key, vars);

function run(partial: Partial<Run>): Run {
  return {
    code: 'inbound_sales', kind: 'script', name: 'Sales', version: 1, language: 'en',
    step: { id: 'greet', kind: 'say', text: 'Hello' }, path: [{ id: 'greet', kind: 'say', text: 'Hello' }],
    can_back: false, can_forward: false, ended: false, ...partial,
  };
}

describe('the action button names what it does', () => {
  const label = (a: StepAction) => actionLabel(a, en);
  it('per action', () => {
    expect(label({ kind: 'end_call', outcome: 'abusive' })).toBe('End call (abusive)');
    expect(label({ kind: 'open_case', category: 'quality' })).toBe('Open quality-control case');
    expect(label({ kind: 'schedule_callback' })).toBe('Schedule callback');
    expect(label({ kind: 'requeue_at_head_and_alert' })).toBe('Put the caller back at the head of the queue');
    expect(label({ kind: 'hold' })).toBe('Put on hold');
    expect(label({ kind: 'return' })).toBe('Back to the script');
    expect(label({ kind: 'create_order' })).toBe('Order confirmed — next');
    expect(label({ kind: 'transfer', transfer: { to: 'team_lead', id: '' } })).toBe('Transfer to the team lead');
    expect(label({ kind: 'transfer', transfer: { to: 'specialist', id: 'orders' } })).toBe('Transfer to the orders specialist');
    expect(label({ kind: 'transfer', transfer: { to: 'queue', id: 'Продажи' } })).toBe('Transfer to queue “Продажи”');
  });
  it('a transfer that stays on the line: consult the target first, then hand over', () => {
    const a = { kind: 'transfer', transfer: { to: 'team_lead', id: '', stay: true } };
    expect(label({ ...a, stage: 'consult' })).toBe('Transfer to the team lead, staying on the line');
    expect(label({ ...a, stage: 'transfer' })).toBe('Hand the caller over and leave the call');
    expect(offersSkipConsult({ ...a, stage: 'consult' })).toBe(true);
    expect(offersSkipConsult({ ...a, stage: 'transfer' })).toBe(false);
    expect(offersSkipConsult({ kind: 'transfer', transfer: { to: 'team_lead', id: '' } })).toBe(false);
  });

  it('consult first, then the transfer to the number, per stage', () => {
    expect(label({ kind: 'consult_supervisor_then_transfer', number: '112', stage: 'consult' })).toBe('Consult supervisor');
    expect(label({ kind: 'consult_supervisor_then_transfer', number: '112', stage: 'transfer' })).toBe('Transfer to 112');
    expect(ru('agent.script.action.transfer_number', { number: '112' })).toBe('Перевести на 112');
  });
  it('an unknown outcome shows as the server wrote it', () => {
    expect(label({ kind: 'end_call', outcome: 'wrong_number' })).toBe('End call (wrong_number)');
    expect(actionLabel({ kind: 'end_call', outcome: 'abusive' }, ru)).toBe('Завершить звонок (оскорбления)');
  });
  it('skip consult is offered only before the consult', () => {
    const consult = stepView(run({ step: { id: 'to_112', kind: 'action', action: { kind: 'consult_supervisor_then_transfer', number: '112', stage: 'consult' } } }), en);
    expect(consult.skipConsult).toBe(true);
    expect(consult.actionLabel).toBe('Consult supervisor');
    const transfer = stepView(run({ step: { id: 'to_112', kind: 'action', action: { kind: 'consult_supervisor_then_transfer', number: '112', stage: 'transfer' } } }), en);
    expect(transfer.skipConsult).toBe(false);
    expect(transfer.actionLabel).toBe('Transfer to 112');
  });
});

describe('which run is active', () => {
  const main = run({});
  const situation = run({ code: 'S-02', kind: 'situation', name: 'Threats', step: { id: 'warn', kind: 'say', text: 'Please' } });
  it('the situation on top, else the main script, nothing without a call', () => {
    expect(activeRun({ call: 5, main, situation })?.which).toBe('situation');
    expect(activeRun({ call: 5, main, situation: null })?.run.code).toBe('inbound_sales');
    expect(activeRun({ call: null } as ScriptSession)).toBeNull();
    expect(activeRun({ call: 5, main: null, situation: null })).toBeNull();
    expect(activeRun(null)).toBeNull();
  });
});

describe('answers and their keys', () => {
  const ask = run({ step: { id: 'known', kind: 'ask', text: 'Found?', options: ['Yes', 'No'] } });
  it('numbers the options 1…9 and maps the digits back', () => {
    const v = stepView(ask, en);
    expect(v.kind).toBe('ask');
    expect(v.options.map((o) => o.key)).toEqual(['1', '2']);
    expect(optionFromKey({ key: '2' }, 2)).toBe(1);
    expect(optionFromKey({ key: '3' }, 2)).toBeNull();
    expect(optionFromKey({ key: '1', altKey: true }, 2)).toBeNull();
    expect(optionFromKey({ key: '!', code: 'Digit1' }, 2)).toBe(0); // another layout
    expect(optionFromKey({ key: '0' }, 2)).toBeNull();
    const many = stepView(run({ step: { id: 'x', kind: 'ask', options: Array.from({ length: 11 }, (_, i) => `o${i}`) } }), en);
    expect(many.options[8].key).toBe('9');
    expect(many.options[9].key).toBeNull();
  });
});

describe('collect steps', () => {
  it('a datetime step is a datetime-local field with the held value trimmed to minutes', () => {
    const v = stepView(run({ step: { id: 'when', kind: 'collect', text: 'When?', collect: { field: 'callback_time', target: 'call', input: 'datetime', value: '2026-11-28T15:00:00+03:00' } } }), en);
    expect(v.input).toBe('datetime-local');
    expect(v.value).toBe('2026-11-28T15:00');
    expect(v.label).toBe('When?');
    expect(datetimeValue('')).toBe('');
    const phone = stepView(run({ step: { id: 'p', kind: 'collect', text: 'Number', collect: { field: 'callback_phone', target: 'call', input: 'phone' } } }), en);
    expect(phone.input).toBe('tel');
  });
});

describe('the path and what was done', () => {
  it('shows the last steps and marks the current one, also after going back', () => {
    const path = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({ id, kind: 'say', text: id.toUpperCase() }));
    const atEnd = pathView(run({ path, step: { id: 'h', kind: 'say' } }), 4);
    expect(atEnd.hidden).toBe(4);
    expect(atEnd.items.map((i) => i.id)).toEqual(['e', 'f', 'g', 'h']);
    expect(atEnd.current).toBe(3);
    const back = pathView(run({ path, step: { id: 'b', kind: 'say' } }), 4);
    expect(back.items[back.current].id).toBe('b');
  });
  it('names the case, the callback time and the outcome', () => {
    expect(doneText({ action: 'open_case', case_id: 5 }, en)).toBe('Case #5 opened');
    expect(doneText({ action: 'schedule_callback', due_at: '2026-11-28T15:00' }, en, () => '28.11 15:00')).toBe('Callback scheduled for 28.11 15:00');
    expect(doneText({ action: 'end_call', outcome: 'abusive' }, en)).toBe('Call ended: abusive');
    expect(doneText({ action: 'open_case', case_id: 7 }, ru)).toBe('Обращение №7 открыто');
    expect(doneText({ action: 'consult', with: 9, with_name: 'Пётр Лебедев' }, en)).toBe('Consulted Пётр Лебедев');
    expect(doneText({ action: 'consult_supervisor_then_transfer', number: '112' }, en)).toBe('Transferred to 112');
  });
  it('an ended run has no controls', () => {
    expect(stepView(run({ ended: true }), en).kind).toBe('ended');
  });
  it('spots unfilled placeholders', () => {
    expect(hasMissing('Order [?order.number] taken')).toBe(true);
    expect(hasMissing('Order 17 taken')).toBe(false);
  });
});
