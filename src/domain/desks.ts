/**
 * The seven service desks of Kepmenaker 225/2023 (Diktum KETIGA, letters a–g) and the four kiosk
 * types (Diktum KEEMPAT). A desk's ticket prefix is the decree's own letter, upper-cased.
 */
export interface DeskDefinition {
  readonly id: number;
  readonly letter: string;
  /** Official Indonesian name, as printed on tickets. UI labels come from translation files. */
  readonly name: string;
}

export const DESKS: readonly DeskDefinition[] = [
  { id: 1, letter: 'A', name: 'Pelatihan Vokasi dan Pemagangan' },
  { id: 2, letter: 'B', name: 'Sertifikasi Kompetensi' },
  { id: 3, letter: 'C', name: 'Produktivitas' },
  { id: 4, letter: 'D', name: 'Informasi Pasar Kerja dan Penempatan Tenaga Kerja' },
  { id: 5, letter: 'E', name: 'Perluasan Kesempatan Kerja' },
  { id: 6, letter: 'F', name: 'Jaminan Sosial Tenaga Kerja' },
  { id: 7, letter: 'G', name: 'Keselamatan dan Kesehatan Kerja (K3)' },
];

export type KioskType = 1 | 2 | 3 | 4;

const DESKS_BY_TYPE: Record<Exclude<KioskType, 4>, readonly number[]> = {
  1: [1, 2, 3, 4, 5, 6, 7],
  2: [1, 2, 3, 4, 5],
  3: [6, 7],
};

/** Tipe 4 runs desk 6 "and/or" desk 7, so its site must say which. */
export const TIPE_4_CHOICES: readonly number[] = [6, 7];

export function deskById(id: number): DeskDefinition | undefined {
  return DESKS.find((desk) => desk.id === id);
}

/**
 * Desks a kiosk of this type offers. For Tipe 4 the configured subset of desks 6 and 7 is used;
 * the configuration schema guarantees it is a non-empty subset.
 */
export function desksForKioskType(type: KioskType, tipe4Desks: readonly number[] = TIPE_4_CHOICES): DeskDefinition[] {
  const ids = type === 4 ? tipe4Desks.filter((id) => TIPE_4_CHOICES.includes(id)) : DESKS_BY_TYPE[type];
  return DESKS.filter((desk) => ids.includes(desk.id));
}
