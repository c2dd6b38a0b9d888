// Which sections each role sees in administration, and which it may change.
import { describe, expect, it } from 'vitest';
import { allSections, mayEdit, sectionFromPath, sectionsFor } from './access';
import { messages } from './messages';

describe('sections by role', () => {
  it('gives administrators every section, all editable', () => {
    expect(sectionsFor('admin').map((s) => s.section)).toEqual([...allSections]);
    expect(allSections.every((s) => mayEdit('admin', s))).toBe(true);
  });

  it('lets office managers read users and keep departments, nothing else', () => {
    expect(sectionsFor('office_manager')).toEqual([
      { section: 'users', edit: false },
      { section: 'teams', edit: false },
      { section: 'departments', edit: true },
    ]);
    expect(mayEdit('office_manager', 'users')).toBe(false);
    expect(mayEdit('office_manager', 'departments')).toBe(true);
    expect(mayEdit('office_manager', 'queues')).toBe(false);
    expect(mayEdit('office_manager', 'products')).toBe(false);
  });

  it('lets directors read but change nothing', () => {
    expect(sectionsFor('director').length).toBeGreaterThan(0);
    expect(sectionsFor('director').every((s) => !s.edit)).toBe(true);
  });

  it('gives operators and others no administration at all', () => {
    for (const role of ['operator', 'team_lead', 'supervisor', 'qa', 'manager'] as const) {
      expect(sectionsFor(role)).toEqual([]);
      expect(sectionFromPath(role, '/admin/users')).toBeNull();
    }
  });

  it('reads the section from a deep link, falling back to the first one the role has', () => {
    expect(sectionFromPath('admin', '/admin/price-lists')).toBe('price-lists');
    expect(sectionFromPath('admin', '/admin')).toBe('users');
    expect(sectionFromPath('admin', '/admin/nonsense')).toBe('users');
    expect(sectionFromPath('office_manager', '/admin/departments')).toBe('departments');
    // A section the role lacks is not opened by typing its address.
    expect(sectionFromPath('office_manager', '/admin/queues')).toBe('users');
  });

  it('has a tab title for every section in both languages', () => {
    for (const s of allSections) {
      expect(messages.ru[`admin.tab.${s}`], s).toBeTruthy();
      expect(messages.en[`admin.tab.${s}`], s).toBeTruthy();
    }
  });
});
