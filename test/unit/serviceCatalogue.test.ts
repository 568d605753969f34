import { describe, expect, it } from 'vitest';
import type { UserType } from '../../src/contract/vocabulary.js';
import { DESKS } from '../../src/domain/desks.js';
import { SERVICE_CATALOGUE, isServiceOfDesk, servicesForDesk } from '../../src/domain/serviceCatalogue.js';

const DESK_IDS = [1, 2, 3, 4, 5, 6, 7];
const ALL = DESK_IDS.flatMap((deskId) => (SERVICE_CATALOGUE[deskId] ?? []).map((service) => ({ deskId, service })));
const codes = (deskId: number, userType?: UserType | null) => servicesForDesk(deskId, userType).map((s) => s.code);

describe('service catalogue (Kepmenaker 225/2023, BAB II A)', () => {
  it('covers exactly the seven desks', () => {
    expect(Object.keys(SERVICE_CATALOGUE).map(Number)).toEqual(DESK_IDS);
    expect(DESKS.map((desk) => desk.id)).toEqual(DESK_IDS);
  });

  it('gives every service a unique, well-formed code naming its desk', () => {
    const all = ALL.map(({ service }) => service.code);
    expect(new Set(all).size).toBe(all.length);
    for (const { deskId, service } of ALL) {
      expect(service.code).toMatch(/^D[1-7]\.[PEU]\d{2}$/);
      expect(service.code.length).toBeLessThanOrEqual(40);
      expect(service.code.startsWith(`D${deskId}.`)).toBe(true);
    }
  });

  it('numbers each desk group consecutively from 01', () => {
    for (const deskId of DESK_IDS) {
      for (const group of ['P', 'E', 'U']) {
        const numbers = codes(deskId)
          .filter((code) => code.split('.')[1]?.startsWith(group))
          .map((code) => Number(code.slice(-2)));
        expect(numbers).toEqual(numbers.map((_, index) => index + 1));
      }
    }
  });

  it('matches the code group to the user types', () => {
    for (const { service } of ALL) {
      const group = service.code.split('.')[1]?.[0];
      const employer = service.userTypes.includes('pemberi_kerja');
      const others = service.userTypes.some((type) => type !== 'pemberi_kerja');
      expect(employer).toBe(group !== 'P');
      expect(others).toBe(group !== 'E');
      expect(new Set(service.userTypes).size).toBe(service.userTypes.length);
    }
  });

  it('labels every service briefly in Indonesian and English', () => {
    for (const { service } of ALL) {
      for (const label of [service.name, service.nameEn]) {
        expect(label.trim()).toBe(label);
        expect(label.length).toBeGreaterThan(0);
        expect(label.length).toBeLessThan(90);
        expect(label).not.toMatch(/\s{2}|[;,.]$/);
      }
      expect(service.name[0]).toBe(service.name[0]?.toUpperCase());
      expect(service.nameEn[0]).toBe(service.nameEn[0]?.toUpperCase());
    }
  });

  it('does not repeat a label within a desk', () => {
    for (const deskId of DESK_IDS) {
      const services = servicesForDesk(deskId);
      expect(new Set(services.map((s) => s.name)).size).toBe(services.length);
      expect(new Set(services.map((s) => s.nameEn)).size).toBe(services.length);
    }
  });

  it('offers every desk services for job seekers/workers and for employers', () => {
    for (const deskId of DESK_IDS) {
      for (const userType of ['pencari_kerja', 'pekerja', 'pemberi_kerja'] as const) {
        expect(servicesForDesk(deskId, userType).length, `desk ${deskId}, ${userType}`).toBeGreaterThan(0);
      }
    }
  });

  it('offers the public (masyarakat) services at every desk but desk 5, whose list a names only job seekers and workers', () => {
    for (const deskId of DESK_IDS) {
      expect(servicesForDesk(deskId, 'masyarakat').length > 0, `desk ${deskId}`).toBe(deskId !== 5);
    }
    expect(codes(5, 'pencari_kerja')).toEqual(codes(5, 'pekerja'));
  });

  it('informs employers about wajib lapor at every desk, as D<desk>.E01', () => {
    for (const deskId of DESK_IDS) {
      const [first] = servicesForDesk(deskId, 'pemberi_kerja').filter((s) => s.code.includes('.E'));
      expect(first?.code).toBe(`D${deskId}.E01`);
      expect(first?.name).toMatch(/wajib lapor ketenagakerjaan perusahaan dan wajib lapor lowongan pekerjaan/);
      expect(first?.userTypes).toEqual(['pemberi_kerja']);
    }
  });

  it('keeps nested items as services of their own', () => {
    expect(codes(1, 'pencari_kerja')).toEqual([
      'D1.U01',
      'D1.P01',
      'D1.P02',
      'D1.P03',
      'D1.P04',
      'D1.P05',
      'D1.P06',
      'D1.P07',
      'D1.P08',
      'D1.P09',
      'D1.P10',
    ]);
    expect(servicesForDesk(1).find((s) => s.code === 'D1.P04')?.name).toBe('Informasi pendaftaran pelatihan vokasi');
    expect(codes(7, 'pemberi_kerja')).toEqual(['D7.E01', 'D7.E02', 'D7.E03', 'D7.E04']);
  });

  it('keeps services offered to both lists as one entry for all four user types', () => {
    const pasarKerja = servicesForDesk(1).filter((s) => s.name === 'Informasi pasar kerja');
    expect(pasarKerja).toHaveLength(1);
    expect(pasarKerja[0]?.userTypes).toEqual(['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat']);
    expect(codes(1, 'pemberi_kerja')).toContain('D1.U01');
    expect(codes(1, 'masyarakat')).toContain('D1.U01');
  });
});

describe('servicesForDesk', () => {
  it('returns all of a desk’s services when no user type is given', () => {
    for (const deskId of DESK_IDS) {
      const all = (SERVICE_CATALOGUE[deskId] ?? []).map((s) => s.code);
      expect(codes(deskId)).toEqual(all);
      expect(codes(deskId, null)).toEqual(all);
    }
  });

  it('filters by user type, keeping the decree’s order', () => {
    expect(codes(3, 'pencari_kerja')).toEqual(['D3.P01', 'D3.P02']);
    expect(codes(3, 'pemberi_kerja')).toEqual(['D3.E01', 'D3.E02', 'D3.E03', 'D3.E04']);
    expect(codes(6, 'masyarakat')).toEqual(['D6.U01', 'D6.P01']);
    expect(codes(6, 'pemberi_kerja')).toEqual(['D6.U01', 'D6.E01']);
    for (const deskId of DESK_IDS) {
      for (const userType of ['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat'] as const) {
        for (const service of servicesForDesk(deskId, userType)) expect(service.userTypes).toContain(userType);
      }
    }
  });

  it('has nothing for an unknown desk', () => {
    expect(servicesForDesk(0)).toEqual([]);
    expect(servicesForDesk(8, 'pekerja')).toEqual([]);
    expect(servicesForDesk(1.5)).toEqual([]);
  });

  it('hands out copies that cannot change the catalogue', () => {
    const [first] = servicesForDesk(1);
    if (!first) throw new Error('desk 1 has no services');
    first.name = 'changed';
    first.userTypes.push('pemberi_kerja');
    expect(servicesForDesk(1)[0]?.name).toBe('Informasi pasar kerja');
    expect(servicesForDesk(1)[0]?.userTypes).toHaveLength(4);
    expect(Object.isFrozen(SERVICE_CATALOGUE[1])).toBe(true);
  });
});

describe('isServiceOfDesk', () => {
  it('accepts a desk’s own codes only', () => {
    expect(isServiceOfDesk(1, 'D1.P04')).toBe(true);
    expect(isServiceOfDesk(7, 'D7.E04')).toBe(true);
    expect(isServiceOfDesk(2, 'D1.P04')).toBe(false);
    expect(isServiceOfDesk(1, 'D1.P99')).toBe(false);
    expect(isServiceOfDesk(1, '')).toBe(false);
    expect(isServiceOfDesk(9, 'D1.P04')).toBe(false);
    for (const { deskId, service } of ALL) expect(isServiceOfDesk(deskId, service.code)).toBe(true);
  });
});
