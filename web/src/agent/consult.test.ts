import { describe, expect, it } from 'vitest';
import { consultKey, consultWho } from './consult';

const queueName = (id: number) => (id === 3 ? 'Старшие смены' : `#${id}`);

describe('whom the consult bar names', () => {
  it('the name picked in the transfer panel, for that consult only', () => {
    const remembered = { key: consultKey({ to: 'agent', agent: 12 }), text: 'Анна Лебедева' };
    expect(consultWho({ to: 'agent', agent: 12, connected: false }, queueName, 'a colleague', remembered)).toBe('Анна Лебедева');
    // another consult (e.g. started by the script) is not named after the old pick
    expect(consultWho({ to: 'agent', agent: 14, connected: false }, queueName, 'a colleague', remembered)).toBe('a colleague');
  });
  it('else the number, the queue or "a colleague"', () => {
    expect(consultWho({ to: 'external', number: '112', connected: true }, queueName, 'a colleague', null)).toBe('112');
    expect(consultWho({ to: 'queue', queue: 3, connected: false }, queueName, 'a colleague', null)).toBe('Старшие смены');
    expect(consultWho({ to: 'agent', agent: 9, connected: true }, queueName, 'a colleague', null)).toBe('a colleague');
  });
});
