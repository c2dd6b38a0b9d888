// Form values <-> request bodies, and the checks made before sending.
import { describe, expect, it } from 'vitest';
import {
  bpToPercentInput,
  discountBody,
  discountToForm,
  emptyDiscountForm,
  emptyPromotionForm,
  emptyQueueForm,
  emptyUserForm,
  kopecksToInput,
  parsePercentBp,
  priceListBody,
  priceListToForm,
  promotionBody,
  promotionToForm,
  queueBody,
  queueToForm,
  userCreateBody,
  userPatchBody,
  userToForm,
  validateDiscount,
  validatePriceList,
  validatePromotion,
  validateQueue,
  validateUser,
  type Discount,
  type Promotion,
  type Queue,
  type User,
} from './forms';
import { validateDepartment } from './DepartmentsSection';
import { profileToRows, rowsToProfile } from './ProfileEditor';
import { defaultTenant } from './data';

const keys = (errors: Record<string, { key: string }>) => Object.fromEntries(Object.entries(errors).map(([f, m]) => [f, m.key]));

describe('money and percent fields', () => {
  it('shows kopecks as rubles the way each language types them', () => {
    expect(kopecksToInput(150000, 'ru')).toBe('1500');
    expect(kopecksToInput(125050, 'ru')).toBe('1250,50');
    expect(kopecksToInput(125050, 'en')).toBe('1250.50');
    expect(kopecksToInput(5, 'en')).toBe('0.05');
    expect(kopecksToInput(null, 'ru')).toBe('');
  });

  it('turns percentages into basis points and back', () => {
    expect(parsePercentBp('10')).toBe(1000);
    expect(parsePercentBp('12,5')).toBe(1250);
    expect(parsePercentBp('12.5 %')).toBe(1250);
    expect(parsePercentBp('0,01')).toBe(1);
    expect(parsePercentBp('1,234')).toBeNull();
    expect(parsePercentBp('ten')).toBeNull();
    expect(bpToPercentInput(1250, 'ru')).toBe('12,5');
    expect(bpToPercentInput(1205, 'en')).toBe('12.05');
    expect(bpToPercentInput(500, 'en')).toBe('5');
  });
});

describe('users', () => {
  const user: User = { id: 10, login: 'op01', name: 'Анна', role: 'operator', team: 1, tenants: [2], disabled: false };

  it('creates with login, password, role, team and companies', () => {
    const form = { ...emptyUserForm(2), login: ' op99 ', name: ' Новый ', password: 'secret-123', team: '3' };
    expect(validateUser(form, true)).toEqual({});
    expect(userCreateBody(form)).toEqual({ login: 'op99', password: 'secret-123', role: 'operator', tenants: [2], name: 'Новый', team: 3 });
  });

  it('leaves out an empty name and no team', () => {
    const body = userCreateBody({ ...emptyUserForm(2), login: 'x', password: '12345678' });
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('team');
  });

  it('says what is wrong before sending', () => {
    expect(keys(validateUser({ ...emptyUserForm(null), login: 'Анна', password: 'short' }, true))).toEqual({
      login: 'admin.v.login',
      password: 'admin.v.password',
      tenants: 'admin.v.tenants',
    });
    // Editing asks for no login or password.
    expect(validateUser({ ...userToForm(user), password: '' }, false)).toEqual({});
  });

  it('patches only what changed, a removed team as null', () => {
    expect(userPatchBody(user, userToForm(user))).toEqual({});
    const form = { ...userToForm(user), role: 'team_lead' as const, team: '', tenants: [2, 1] };
    expect(userPatchBody(user, form)).toEqual({ role: 'team_lead', team: null, tenants: [1, 2] });
  });
});

describe('queues', () => {
  const queue: Queue = {
    id: 2, tenant: 2, name: 'Заказы', numbers: ['+74950000102', '+74950000109'], priority: 0, policy: 'longest-idle',
    required_skills: [{ skill: 2, min_level: 3 }], sl_threshold_s: 30, sl_target_percent: 80, short_abandon_s: 5,
    max_wait_s: 120, overflow: { kind: 'queue', queue: 1 }, wrap_up_s: 20, announce_every_s: 45, max_callers: 0, ring_timeout_s: 15,
  };

  it('round-trips every setting through the form', () => {
    const body = queueBody(queueToForm(queue));
    const { id: _id, tenant: _tenant, ...rest } = queue;
    expect(body).toEqual(rest);
  });

  it('reads numbers one per line or separated by commas, and sends the tenant on create', () => {
    const form = { ...emptyQueueForm(), name: 'Новая', numbers: '+7 1\n\n+72, +73' };
    const body = queueBody(form, 2);
    expect(body.numbers).toEqual(['+7 1', '+72', '+73']);
    expect(body.tenant).toBe(2);
    expect(body.overflow).toBeNull();
    expect(queueBody({ ...form, overflow: 'callback' }).overflow).toEqual({ kind: 'callback' });
  });

  it('checks ranges, skills and overflow like the server does', () => {
    const form = {
      ...queueToForm(queue), name: ' ', sl_target_percent: '120', ring_timeout_s: 'abc',
      skills: [{ skill: '2', min_level: '1' }, { skill: '2', min_level: '11' }], overflow_queue: '2',
    };
    expect(keys(validateQueue(form, 2))).toEqual({
      name: 'admin.v.required',
      sl_target_percent: 'admin.v.range',
      ring_timeout_s: 'admin.v.whole',
      'skills.1': 'admin.v.skill_twice',
      'skills.1.level': 'admin.v.range',
      overflow_queue: 'admin.v.overflow_self',
    });
    expect(validateQueue(form, 2).sl_target_percent.vars).toEqual({ min: 1, max: 100 });
    expect(validateQueue(queueToForm(queue), 2)).toEqual({});
  });
});

describe('discounts', () => {
  it('sends percent as basis points and rubles as kopecks, only the fields of the target', () => {
    const form = { ...emptyDiscountForm('2026-11-01'), name: 'Чайная неделя', percent: '12,5', target: 'category' as const, category_id: '1', min_quantity: '5', min_order_total: '1 500' };
    expect(validateDiscount(form)).toEqual({});
    expect(discountBody(form, 2)).toEqual({
      tenant_id: 2, name: 'Чайная неделя', valid_from: '2026-11-01', valid_to: null, kind: 'percent', percent_bp: 1250,
      target: 'category', category_id: 1, min_quantity: 5, min_order_total: 150000,
    });
  });

  it('an order rule takes no min_quantity; an amount rule no percent', () => {
    const form = { ...emptyDiscountForm('2026-11-01'), name: 'Заказ от 15 000 ₽', kind: 'amount' as const, amount: '500,50', target: 'order' as const, min_order_total: '15000' };
    const body = discountBody(form, 2);
    expect(body).toMatchObject({ kind: 'amount', amount: 50050, target: 'order', min_order_total: 1500000 });
    expect(body).not.toHaveProperty('percent_bp');
    expect(body).not.toHaveProperty('min_quantity');
    expect(body).not.toHaveProperty('product_id');
  });

  it('reads a stored rule back into the form', () => {
    const rule: Discount = { id: 4, name: 'Кофемолка', valid_from: '2026-11-07', valid_to: '2027-01-26', kind: 'amount', amount: 30000, target: 'product', product_id: 76, customer_group_id: 0, min_quantity: 0, min_order_total: 0 };
    const form = discountToForm(rule, 'ru');
    expect(form).toMatchObject({ amount: '300', product_id: 76, customer_group_id: '', valid_to: '2027-01-26' });
    expect(discountBody(form, 2)).toMatchObject({ amount: 30000, product_id: 76, min_quantity: 0 });
  });

  it('refuses bad figures and periods before sending', () => {
    const form = { ...emptyDiscountForm('2026-11-30'), name: '', percent: '150', target: 'product' as const, valid_to: '2026-11-01', min_order_total: '-5' };
    expect(keys(validateDiscount(form))).toEqual({
      name: 'admin.v.required', percent: 'admin.v.percent_range', product_id: 'admin.v.required',
      valid_to: 'admin.v.period', min_order_total: 'admin.v.money',
    });
    expect(keys(validateDiscount({ ...form, name: 'x', valid_to: '', percent: '', product_id: 1, min_order_total: '', valid_from: '2026-02-30' }))).toEqual({
      percent: 'admin.v.required', valid_from: 'admin.v.date',
    });
  });
});

describe('promotions', () => {
  it('buy X pay Y on a category', () => {
    const form = { ...emptyPromotionForm('2026-11-01'), name: '4 по цене 3', pitch: 'Четвёртая бесплатно', on: 'category' as const, category_id: '4', buy: '4', pay: '3' };
    expect(validatePromotion(form)).toEqual({});
    expect(promotionBody(form, 2)).toEqual({
      tenant_id: 2, name: '4 по цене 3', pitch: 'Четвёртая бесплатно', valid_from: '2026-11-01', valid_to: null,
      kind: 'buy_x_pay_y', category_id: 4, buy: 4, pay: 3,
    });
    expect(keys(validatePromotion({ ...form, buy: '2', pay: '2' }))).toEqual({ pay: 'admin.v.buy_pay' });
  });

  it('a gift over a total in rubles, and back', () => {
    const stored: Promotion = { id: 7, name: 'Кружка', pitch: '', valid_from: '2026-11-07', valid_to: null, kind: 'gift_over_total', min_order_total: 500000, gift_product_id: 37, gift_quantity: 1 };
    const form = promotionToForm(stored, 'ru');
    expect(form.min_order_total).toBe('5000');
    expect(promotionBody({ ...form, min_order_total: '5 000,50' }, 2)).toEqual({
      tenant_id: 2, name: 'Кружка', pitch: '', valid_from: '2026-11-07', valid_to: null,
      kind: 'gift_over_total', min_order_total: 500050, gift_product_id: 37, gift_quantity: 1,
    });
    expect(keys(validatePromotion({ ...form, gift_product_id: null, min_order_total: '' }))).toEqual({
      min_order_total: 'admin.v.required', gift_product_id: 'admin.v.required',
    });
  });
});

describe('price lists', () => {
  it('prices in rubles on screen, kopecks on the wire', () => {
    const form = priceListToForm({ id: 1, name: 'Зима', valid_from: '2026-11-17', valid_to: null, priority: 10, prices: [{ product_id: 1, price: 17150 }] }, 'ru');
    expect(form.prices).toEqual([{ product_id: 1, price: '171,50' }]);
    expect(priceListBody({ ...form, prices: [...form.prices, { product_id: 2, price: '99.9' }] }, 2)).toEqual({
      tenant_id: 2, name: 'Зима', valid_from: '2026-11-17', valid_to: null, priority: 10,
      prices: [{ product_id: 1, price: 17150 }, { product_id: 2, price: 9990 }],
    });
  });

  it('names a wrong price and a product listed twice', () => {
    const form = { name: 'X', valid_from: '2026-01-01', valid_to: '', priority: '0', prices: [{ product_id: 1, price: '10' }, { product_id: 1, price: 'abc' }] };
    expect(keys(validatePriceList(form))).toEqual({ 'prices.1': 'admin.v.money' });
    expect(keys(validatePriceList({ ...form, prices: [{ product_id: 1, price: '10' }, { product_id: 1, price: '11' }] }))).toEqual({ 'prices.1': 'admin.v.product_twice' });
  });
});

describe('other forms', () => {
  it('checks a department e-mail', () => {
    expect(keys(validateDepartment({ name: '', email: 'nope' }))).toEqual({ name: 'admin.v.required', email: 'admin.v.email' });
    expect(validateDepartment({ name: 'Склад', email: '' })).toEqual({});
  });

  it('turns the routing profile into rows and back, dropping unticked ones', () => {
    const rows = profileToRows({ skills: [{ skill: 1, level: 3 }], queues: [{ queue: 1, tier: 1 }, { queue: 2, tier: 2 }], team_lead_queue: 5 });
    rows.queues[2].on = false;
    rows.skills[4] = { on: true, level: '7' };
    expect(rowsToProfile(rows, 5)).toEqual({ skills: [{ skill: 1, level: 3 }, { skill: 4, level: 7 }], queues: [{ queue: 1, tier: 1 }], team_lead_queue: 5 });
    rows.skills[4].level = '11';
    expect(rowsToProfile(rows, 5)).toBe('admin.profile.level_range');
  });

  it('starts with the saved company, else the one most people work for', () => {
    const tenants = [{ id: 1, name: 'default' }, { id: 2, name: 'Бета' }];
    const people = [1, 2, 2].map((t, i) => ({ id: i, login: `u${i}`, name: '', role: 'operator' as const, team: null, tenants: [t], disabled: false }));
    expect(defaultTenant(tenants, people, null)).toBe(2);
    expect(defaultTenant(tenants, people, '1')).toBe(1);
    expect(defaultTenant(tenants, people, '9')).toBe(2);
    expect(defaultTenant([], people, null)).toBeNull();
  });
});
