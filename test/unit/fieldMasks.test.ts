import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../src/host/auth/fieldCipher.js';

describe('masks of contact data', () => {
  it('masks a phone the same way however it was typed', () => {
    for (const typed of ['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '081234567890']) expect(maskPhone(typed)).toBe('0812-****-890');
    expect(maskPhone('021 555 0199')).toBe('0215-****-199');
    expect(maskPhone('12345')).toBe('****');
  });

  it('keeps only the first letter and the domain of an e-mail', () => {
    expect(maskEmail('budi.santoso@contoh.id')).toBe('b***@contoh.id');
    expect(maskEmail('@nope')).toBe('***');
  });
});
