import type { UserType } from '../contract/vocabulary.js';

/**
 * The services each of the seven service desks delivers, taken from Kepmenaker 225/2023, BAB II
 * "Jenis dan Prosedur Layanan pada Kios SIAPkerja", part A "Jenis Layanan Kios SIAPkerja", items
 * 1–7 (lines 251–556 of `../shared/reference/kepmenaker-225-2023-kios-siapkerja.txt`). Desk officers
 * tick the services they delivered when they finish a visit.
 *
 * Each desk has two lists in the decree: letter a. for Pencari Kerja, Pekerja/Buruh and/or
 * masyarakat, letter b. for Pemberi Kerja. Labels are the decree's wording, tidied: the leading
 * "fasilitasi (layanan) informasi" / "penyediaan informasi" / "layanan informasi" becomes
 * "Informasi …", and long enumerations are shortened without changing their meaning.
 *
 * Codes: `D<desk>.<group><nn>`, e.g. `D1.P03`.
 * - `P`: only in list a. (Pencari Kerja, Pekerja/Buruh, masyarakat);
 * - `E`: only in list b. (Pemberi Kerja); `E01` is the wajib lapor information at every desk;
 * - `U`: the same service in both lists, kept as one entry for all four user types;
 * - `nn`: two-digit running number within the desk and group, in the decree's order.
 * Codes are stored with finished visits: never renumber or reuse one; add new codes at the end.
 * The comment after each entry gives its place in the decree (list letter, item, sub-item).
 *
 * Nested items a), b) … are entries of their own. Their parent items ("… antara lain:") are only
 * headings and are left out, except desk 7 a.1, whose "peraturan perundang-undangan" part is a
 * service no sub-item covers. K3 is keselamatan dan kesehatan kerja (OSH, occupational safety and
 * health), as in the desk's name.
 */
export interface CatalogueEntry {
  code: string;
  /** Bahasa Indonesia, as in the decree. */
  name: string;
  nameEn: string;
  userTypes: UserType[];
}

/** List a. of every desk except desk 5. */
const PUBLIC: readonly UserType[] = ['pencari_kerja', 'pekerja', 'masyarakat'];
/** Desk 5 list a. names only "Pencari kerja atau Pekerja/Buruh" (line 453), not masyarakat. */
const JOB_SEEKERS_AND_WORKERS: readonly UserType[] = ['pencari_kerja', 'pekerja'];
const EMPLOYERS: readonly UserType[] = ['pemberi_kerja'];
const EVERYONE: readonly UserType[] = ['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat'];

function entry(code: string, name: string, nameEn: string, userTypes: readonly UserType[]): CatalogueEntry {
  return Object.freeze({ code, name, nameEn, userTypes: Object.freeze([...userTypes]) as UserType[] });
}

// Labels repeated across desks, worded once.
const PASAR_KERJA = ['Informasi pasar kerja', 'Labour market information'] as const;
const WAJIB_LAPOR = [
  'Informasi wajib lapor ketenagakerjaan perusahaan dan wajib lapor lowongan pekerjaan',
  'Information on mandatory company employment reporting and job vacancy reporting',
] as const;
const BIMBINGAN_JABATAN = [
  'Penyuluhan dan bimbingan jabatan (orientasi karir, dunia kerja, peluang usaha)',
  'Career counselling and guidance (career orientation, world of work, business)',
] as const;
const REKOMENDASI_LOWONGAN = [
  'Informasi dan rekomendasi lowongan pekerjaan, pelatihan vokasi, dan pemagangan',
  'Job vacancy, vocational training and apprenticeship information and recommendations',
] as const;
const SKKNI = [
  'Informasi data SKKNI (standar kompetensi kerja nasional Indonesia) yang ditetapkan',
  'Information on the national work competency standards (SKKNI) in force',
] as const;

export const SERVICE_CATALOGUE: Readonly<Record<number, readonly CatalogueEntry[]>> = Object.freeze({
  // 1. Desk Layanan Bidang Pelatihan Vokasi dan Pemagangan (lines 256–333)
  1: Object.freeze([
    entry('D1.U01', ...PASAR_KERJA, EVERYONE), // a.1, b.1
    entry('D1.P01', ...BIMBINGAN_JABATAN, PUBLIC), // a.2
    entry('D1.P02', 'Informasi program pelatihan vokasi', 'Information on vocational training programmes', PUBLIC), // a.3.a
    entry('D1.P03', 'Informasi lembaga penyelenggara pelatihan vokasi', 'Information on vocational training providers', PUBLIC), // a.3.b
    entry('D1.P04', 'Informasi pendaftaran pelatihan vokasi', 'Information on registering for vocational training', PUBLIC), // a.3.c
    entry('D1.P05', 'Informasi proses seleksi pelatihan vokasi', 'Information on the vocational training selection process', PUBLIC), // a.3.d
    entry('D1.P06', ...SKKNI, PUBLIC), // a.3.e
    entry('D1.P07', 'Informasi program pemagangan', 'Information on apprenticeship programmes', PUBLIC), // a.4.a
    entry('D1.P08', 'Informasi lembaga penyelenggara pemagangan', 'Information on apprenticeship providers', PUBLIC), // a.4.b
    entry('D1.P09', 'Informasi pendaftaran pemagangan', 'Information on registering for an apprenticeship', PUBLIC), // a.4.c
    entry('D1.P10', 'Informasi proses seleksi pemagangan', 'Information on the apprenticeship selection process', PUBLIC), // a.4.d
    entry('D1.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.2
    entry(
      'D1.E02',
      'Fasilitasi program pemagangan yang disediakan pemberi kerja',
      'Support for apprenticeship programmes offered by the employer',
      EMPLOYERS,
    ), // b.3
    entry(
      'D1.E03',
      'Informasi persyaratan izin penyelenggara pemagangan dalam dan luar negeri',
      'Requirements for a licence to run apprenticeships in Indonesia or abroad',
      EMPLOYERS,
    ), // b.4
    entry(
      'D1.E04',
      'Informasi program pelatihan vokasi yang dapat dikolaborasikan dengan pemberi kerja',
      'Information on vocational training programmes open to collaboration with employers',
      EMPLOYERS,
    ), // b.5
    entry(
      'D1.E05',
      'Fasilitasi desain ulang program pelatihan vokasi dan pemagangan',
      'Support for redesigning vocational training and apprenticeship programmes',
      EMPLOYERS,
    ), // b.6
  ]),

  // 2. Desk Layanan Bidang Sertifikasi Kompetensi (lines 334–375)
  2: Object.freeze([
    entry('D2.P01', ...PASAR_KERJA, PUBLIC), // a.1
    entry('D2.P02', 'Informasi penyelenggara sertifikasi kompetensi', 'Information on competency certification bodies', PUBLIC), // a.2.a
    entry('D2.P03', 'Informasi pendaftaran sertifikasi kompetensi', 'Information on registering for competency certification', PUBLIC), // a.2.b
    entry('D2.P04', 'Informasi biaya sertifikasi kompetensi', 'Information on competency certification fees', PUBLIC), // a.2.c
    entry(
      'D2.U01',
      'Informasi jenis keberlakuan sertifikasi kompetensi',
      'Information on the types of validity of competency certificates',
      EVERYONE,
    ), // a.2.d, b.2.b
    entry('D2.P05', ...REKOMENDASI_LOWONGAN, PUBLIC), // a.2.e
    entry('D2.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
    entry(
      'D2.E02',
      'Fasilitasi desain ulang skema sertifikasi kompetensi',
      'Support for redesigning competency certification schemes',
      EMPLOYERS,
    ), // b.2.a
    entry('D2.E03', ...SKKNI, EMPLOYERS), // b.2.c
  ]),

  // 3. Desk Layanan Bidang Produktivitas (lines 376–404)
  3: Object.freeze([
    entry('D3.P01', 'Informasi promosi produktivitas', 'Information on productivity promotion', PUBLIC), // a.1
    entry('D3.P02', 'Informasi pengukuran produktivitas individu', 'Information on measuring individual productivity', PUBLIC), // a.2
    entry('D3.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
    entry(
      'D3.E02',
      'Informasi promosi, pengukuran, dan pemeliharaan peningkatan produktivitas',
      'Information on promoting, measuring and sustaining productivity improvement',
      EMPLOYERS,
    ), // b.2
    entry(
      'D3.E03',
      'Tawaran tindak lanjut ke pihak terkait untuk layanan peningkatan produktivitas',
      'Offer of follow-up with the relevant party on productivity improvement services',
      EMPLOYERS,
    ), // b.3
    entry(
      'D3.E04',
      'Peningkatan produktivitas melalui pelatihan, bimbingan teknis, dan/atau konsultansi',
      'Productivity improvement through training, technical guidance and/or consultancy',
      EMPLOYERS,
    ), // b.4
  ]),

  // 4. Desk Layanan Bidang Informasi Pasar Kerja dan Penempatan Tenaga Kerja (lines 405–449)
  4: Object.freeze([
    entry('D4.P01', ...BIMBINGAN_JABATAN, PUBLIC), // a.1
    entry('D4.U01', ...PASAR_KERJA, EVERYONE), // a.2, b.2
    entry(
      'D4.U02',
      'Informasi jabatan dan syarat jabatan berdasarkan klasifikasi baku jabatan Indonesia',
      'Information on occupations and their requirements (KBJI job classification)',
      EVERYONE,
    ), // a.3, b.4
    entry('D4.P02', ...REKOMENDASI_LOWONGAN, PUBLIC), // a.4
    entry('D4.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
    entry(
      'D4.E02',
      'Penyebarluasan informasi lowongan pekerjaan dan pemagangan',
      'Publishing job and apprenticeship vacancies',
      EMPLOYERS,
    ), // b.3
    entry('D4.E03', 'Informasi pencocokan pekerjaan (job matching)', 'Information on job matching', EMPLOYERS), // b.5
    entry(
      'D4.E04',
      'Informasi seleksi dan rekrutmen pekerja melalui fitur talent search Karirhub',
      'Information on selecting and recruiting workers with Karirhub talent search',
      EMPLOYERS,
    ), // b.6
  ]),

  // 5. Desk Layanan Bidang Perluasan Kesempatan Kerja (lines 450–489)
  5: Object.freeze([
    entry('D5.P01', ...PASAR_KERJA, JOB_SEEKERS_AND_WORKERS), // a.1
    entry('D5.P02', ...BIMBINGAN_JABATAN, JOB_SEEKERS_AND_WORKERS), // a.2
    entry(
      'D5.P03',
      'Informasi program tenaga kerja mandiri pemula dan tenaga kerja sukarela',
      'Information on the new self-employment and volunteer worker programmes',
      JOB_SEEKERS_AND_WORKERS,
    ), // a.3
    entry('D5.P04', 'Fasilitasi pendaftaran layanan Bizhub', 'Help registering for the Bizhub service', JOB_SEEKERS_AND_WORKERS), // a.4
    entry('D5.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
    entry(
      'D5.E02',
      'Informasi peluang usaha kelompok usaha tenaga kerja mandiri',
      'Information on business opportunities of self-employed worker groups',
      EMPLOYERS,
    ), // b.2.a
    entry(
      'D5.E03',
      'Informasi pencocokan usaha (business matching) dengan kelompok tenaga kerja mandiri',
      'Business matching with self-employed worker groups (employer as investor or buyer)',
      EMPLOYERS,
    ), // b.2.b
  ]),

  // 6. Desk Layanan Bidang Jaminan Sosial Tenaga Kerja (lines 490–515)
  6: Object.freeze([
    entry(
      'D6.U01',
      'Informasi teknis hubungan industrial dan jaminan sosial (bantuan.kemnaker.go.id)',
      'Industrial relations and social security information (bantuan.kemnaker.go.id)',
      EVERYONE,
    ), // a.1, b.2
    entry(
      'D6.P01',
      'Konsultasi hubungan industrial dan jaminan sosial ketenagakerjaan',
      'Consultation on industrial relations and employment social security',
      PUBLIC,
    ), // a.2
    entry('D6.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
  ]),

  // 7. Desk Layanan Bidang Keselamatan dan Kesehatan Kerja (lines 516–556)
  7: Object.freeze([
    entry(
      'D7.P01',
      'Informasi peraturan perundang-undangan dan teknis K3',
      'Information on OSH laws, regulations and technical matters',
      PUBLIC,
    ), // a.1
    entry('D7.P02', 'Informasi program pembinaan K3', 'Information on OSH development programmes', PUBLIC), // a.1.a
    entry(
      'D7.P03',
      'Informasi perusahaan penyelenggara pembinaan K3',
      'Information on companies providing OSH development',
      PUBLIC,
    ), // a.1.b
    entry(
      'D7.P04',
      'Informasi tata cara memperoleh lisensi personel K3',
      'Information on how to obtain an OSH personnel licence',
      PUBLIC,
    ), // a.1.c
    entry('D7.E01', ...WAJIB_LAPOR, EMPLOYERS), // b.1
    entry(
      'D7.E02',
      'Informasi penerapan sistem manajemen K3 (SMK3)',
      'Information on implementing an OSH management system (SMK3)',
      EMPLOYERS,
    ), // b.2.a
    entry('D7.E03', 'Informasi perizinan terkait K3', 'Information on OSH permits and licences', EMPLOYERS), // b.2.b
    entry(
      'D7.E04',
      'Informasi penerapan zero accident di tempat kerja',
      'Information on applying zero accident in the workplace',
      EMPLOYERS,
    ), // b.2.c
  ]),
});

/**
 * The services of a desk, in the decree's order; only those for `userType` when it is given
 * (null or undefined: all of them). An unknown desk has none. Entries are copies.
 */
export function servicesForDesk(deskId: number, userType?: UserType | null): CatalogueEntry[] {
  const services = SERVICE_CATALOGUE[deskId] ?? [];
  return services
    .filter((service) => userType === null || userType === undefined || service.userTypes.includes(userType))
    .map((service) => ({ ...service, userTypes: [...service.userTypes] }));
}

export function isServiceOfDesk(deskId: number, code: string): boolean {
  return (SERVICE_CATALOGUE[deskId] ?? []).some((service) => service.code === code);
}
