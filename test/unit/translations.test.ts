import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json' with { type: 'json' };
import id from '../../renderer/src/i18n/id.json' with { type: 'json' };
import { DESKS } from '../../src/domain/desks.js';
import ticketText from '../../src/domain/ticketText.json' with { type: 'json' };

describe('translation files', () => {
  it('have the same keys in Bahasa Indonesia and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('have no empty string', () => {
    for (const catalog of [id, en]) for (const value of Object.values(catalog)) expect(value.trim()).not.toBe('');
  });

  it('name every desk with its official name in Bahasa Indonesia', () => {
    const catalog = id as Record<string, string>;
    for (const desk of DESKS) {
      expect(catalog[`desk.${desk.id}.name`]).toBe(desk.name);
      expect(catalog[`desk.${desk.id}.hint`]).toBeTruthy();
    }
  });

  it('give the printed ticket the same texts in both languages', () => {
    expect(Object.keys(ticketText.en).sort()).toEqual(Object.keys(ticketText.id).sort());
  });
});
