import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { UserTypeSchema } from '../../src/contract/vocabulary.js';
import { SERVICE_CATALOGUE, isServiceOfDesk } from '../../src/domain/serviceCatalogue.js';
import type { Assessment, AssessmentAnswers, RatifiedCompany, Vacancy } from '../../src/domain/visitorContent.js';
import {
  AssessmentFileSchema,
  AssessmentSchema,
  EDUCATION_LEVELS,
  GuidesFileSchema,
  NeedSchema,
  NeedsFileSchema,
  RatifiedCompaniesFileSchema,
  VacanciesFileSchema,
  assessJkp,
  checkContentFiles,
  decidedJkpResult,
  describeContentProblem,
  desksForNeed,
  isRatificationInForce,
  needsForVisitor,
  searchRatified,
  searchVacancies,
  servicesForNeed,
} from '../../src/domain/visitorContent.js';
import { tempDir } from '../support/tempDir.js';

const CONTENT_DIR = 'assets/content';
const readContent = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
const json = (name: string): unknown => JSON.parse(readFileSync(join(CONTENT_DIR, name), 'utf8'));

const needsFile = NeedsFileSchema.parse(json('needs.json'));
const guidesFile = GuidesFileSchema.parse(json('guides.json'));
const { assessment } = AssessmentFileSchema.parse(json('jkp-assessment.json'));
const vacanciesFile = VacanciesFileSchema.parse(json('vacancies.sample.json'));
const ratifiedFile = RatifiedCompaniesFileSchema.parse(json('ratified-companies.sample.json'));
const ALL_DESKS = [1, 2, 3, 4, 5, 6, 7];

describe('the shipped content files', () => {
  it('pass the content check as a whole (schemas, file names, links between files)', () => {
    expect(checkContentFiles(readContent(CONTENT_DIR))).toEqual([]);
  });

  it('are JSON indented with 2 spaces, as the other checked-in data', () => {
    for (const name of readdirSync(CONTENT_DIR)) {
      const text = readFileSync(join(CONTENT_DIR, name), 'utf8');
      expect(text, name).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('name only desks and services of the catalogue, each desk delivering one of the need\'s services', () => {
    for (const need of needsFile.needs) {
      for (const code of need.serviceCodes) expect(need.deskIds.some((deskId) => isServiceOfDesk(deskId, code)), `${need.id} ${code}`).toBe(true);
      for (const deskId of need.deskIds) expect(need.serviceCodes.some((code) => isServiceOfDesk(deskId, code)), `${need.id} desk ${deskId}`).toBe(true);
    }
  });

  it('give every user type 4–8 needs, and cover every service of the catalogue', () => {
    for (const type of UserTypeSchema.options) {
      const count = needsFile.needs.filter((need) => need.userTypes.includes(type)).length;
      expect(count, type).toBeGreaterThanOrEqual(4);
      expect(count, type).toBeLessThanOrEqual(8);
    }
    const covered = new Set(needsFile.needs.flatMap((need) => need.serviceCodes));
    const all = Object.values(SERVICE_CATALOGUE).flatMap((entries) => entries.map((entry) => entry.code));
    expect(all.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('let employers find wajib lapor, vacancy publishing, PP/PKB, apprenticeships and K3', () => {
    const employer = needsFile.needs.filter((need) => need.userTypes.includes('pemberi_kerja'));
    const withCode = (code: string) => employer.find((need) => need.serviceCodes.includes(code))?.id;
    const wajibLapor = employer.find((need) => need.guideId === 'wajib-lapor' && need.serviceCodes.includes('D4.E01'));
    expect(wajibLapor?.deskIds).toHaveLength(7);
    expect(withCode('D4.E02')).toBe('publikasi-lowongan');
    expect(employer.find((need) => need.guideId === 'pp-pkb')?.selfService).toBe('application-status');
    expect(withCode('D1.E02')).toBe('pemagangan-perusahaan');
    expect(withCode('D7.E02')).toBe('k3-perusahaan');
  });

  it('offer the JKP self-assessment with the PHK need, the vacancy search with job seeking, the PP/PKB registry to workers', () => {
    expect(needsFile.needs.find((need) => need.selfService === 'jkp-assessment')?.deskIds[0]).toBe(6);
    expect(needsFile.needs.find((need) => need.selfService === 'vacancy-search')?.deskIds).toEqual([4]);
    expect(needsFile.needs.find((need) => need.selfService === 'ratified-search')?.userTypes).toContain('pekerja');
  });

  it('carry the required guides: activation with the SIAPkerja QR, wajib lapor with the scope question, data diri, PP/PKB', () => {
    const guide = (id: string) => guidesFile.guides.find((candidate) => candidate.id === id);
    expect(guide('aktivasi-akun')?.qr?.url).toBe('https://siapkerja.kemnaker.go.id');
    expect(guide('wajib-lapor')?.scopeQuestion).toBe(true);
    expect(guide('data-diri')?.steps.length).toBeGreaterThanOrEqual(2);
    const ppPkb = guide('pp-pkb');
    expect(ppPkb?.qr?.url).toBe('https://kemnaker.go.id');
    expect(ppPkb?.steps.map((step) => step.title.id)).toEqual(expect.arrayContaining(['Verifikasi', 'Perbaikan', 'Pengesahan atau pendaftaran', 'Cek status']));
  });

  it('are marked as samples until the central feed replaces them', () => {
    expect(vacanciesFile.source).toMatch(/^contoh/);
    expect(ratifiedFile.source).toMatch(/^contoh/);
    expect(vacanciesFile.vacancies.length).toBeGreaterThanOrEqual(20);
    expect(ratifiedFile.companies.length).toBeGreaterThanOrEqual(12);
    for (const vacancy of vacanciesFile.vacancies) expect(vacancy.company).toMatch(/Contoh/);
    for (const company of ratifiedFile.companies) expect(company.name).toMatch(/Contoh/);
  });
});

describe('needs', () => {
  const need = {
    id: 'contoh',
    userTypes: ['pencari_kerja'],
    title: { id: 'Contoh', en: 'Example' },
    hint: { id: 'Contoh', en: 'Example' },
    deskIds: [4],
    serviceCodes: ['D4.P02'],
    prepare: [{ id: 'KTP', en: 'Identity card' }],
  };
  const issues = (patch: object) => NeedSchema.safeParse({ ...need, ...patch }).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it('refuse services the catalogue does not have, or has at another desk or for other user types', () => {
    expect(issues({})).toBeUndefined();
    expect(issues({ serviceCodes: ['D9.P01', 'D4.P02'] })).toEqual(['serviceCodes.0: unknown service D9.P01']);
    expect(issues({ serviceCodes: ['D4.P02', 'D1.P02'] })).toEqual(['serviceCodes.1: service D1.P02 belongs to desk 1, which is not in deskIds']);
    expect(issues({ serviceCodes: ['D4.P02', 'D4.E02'] })).toEqual([
      "serviceCodes.1: service D4.E02 is for pemberi_kerja, none of this need's user types",
    ]);
    expect(issues({ deskIds: [4, 7] })).toEqual(["deskIds.1: desk 7 delivers none of this need's services"]);
    expect(issues({ userTypes: ['pencari_kerja', 'pemberi_kerja'] })).toEqual(["userTypes.1: none of this need's services is for pemberi_kerja"]);
    expect(issues({ deskIds: [4, 4] })).toEqual(['deskIds.1: desk 4 is listed twice']);
    expect(issues({ guideID: 'aktivasi-akun' })?.[0]).toMatch(/guideID/);
    expect(issues({ title: { id: 'Contoh ', en: 'Example' } })).toEqual(['title.id: no spaces or line breaks at either end']);
  });

  it('are filtered to the kiosk\'s desks and the visitor\'s user type', () => {
    const needs = needsFile.needs;
    // A Tipe 3 kiosk runs desks 6 and 7 only: the employer still finds wajib lapor there.
    const tipe3 = needsForVisitor(needs, 'pemberi_kerja', [6, 7]);
    expect(tipe3.map((candidate) => candidate.id)).toEqual(['wajib-lapor', 'pp-pkb', 'k3-perusahaan']);
    const wajibLapor = needs.find((candidate) => candidate.id === 'wajib-lapor')!;
    expect(desksForNeed(wajibLapor, 'pemberi_kerja', [7, 6])).toEqual([6, 7]);
    // Desk 5 serves job seekers and workers, not masyarakat (decree line 453).
    const guidance = needs.find((candidate) => candidate.id === 'bimbingan-karier')!;
    expect(desksForNeed(guidance, 'pencari_kerja', ALL_DESKS)).toEqual([4, 1, 5]);
    expect(desksForNeed(guidance, 'masyarakat', ALL_DESKS)).toEqual([4, 1]);
    expect(servicesForNeed(guidance, 5, 'masyarakat')).toEqual([]);
    expect(servicesForNeed(guidance, 5, 'pencari_kerja').map((service) => service.code)).toEqual(['D5.P02']);
    for (const type of UserTypeSchema.options) expect(needsForVisitor(needs, type, ALL_DESKS).length, type).toBeGreaterThanOrEqual(4);
  });

  it('need at least 4 per user type and unique ids', () => {
    const one = needsFile.needs[0]!;
    const problems = NeedsFileSchema.safeParse({ version: 1, needs: [one, one] }).error?.issues.map((issue) => issue.message);
    expect(problems).toContain('the need cari-lowongan is listed twice');
    expect(problems).toContain('pemberi_kerja has 0 needs; every user type needs at least 4');
  });
});

describe('guides', () => {
  it('must include every guide the journey links to, with what its screen needs', () => {
    const withoutWajibLapor = guidesFile.guides.filter((guide) => guide.id !== 'wajib-lapor');
    expect(GuidesFileSchema.safeParse({ version: 1, guides: withoutWajibLapor }).error?.issues[0]?.message).toBe('the guide wajib-lapor is missing');
    const noScope = guidesFile.guides.map((guide) => (guide.id === 'wajib-lapor' ? { ...guide, scopeQuestion: false } : guide));
    expect(GuidesFileSchema.safeParse({ version: 1, guides: noScope }).error?.issues[0]?.path).toEqual(['guides', 2, 'scopeQuestion']);
    const httpQr = guidesFile.guides.map((guide) => (guide.qr ? { ...guide, qr: { ...guide.qr, url: 'http://siapkerja.kemnaker.go.id' } } : guide));
    expect(GuidesFileSchema.safeParse({ version: 1, guides: httpQr }).success).toBe(false);
  });
});

describe('the JKP self-assessment', () => {
  const eligible: AssessmentAnswers = { berakhir: 'phk', peserta: 'ya', kontrak: 'pkwtt', iuran: 'cukup', waktu: 'kurang-3-bulan', bersedia: 'ya' };

  it('indicates eligibility when every PP 37/2021 condition is met, and sends the visitor to desk 6', () => {
    const result = assessJkp(assessment, eligible);
    expect(result.id).toBe('kemungkinan-memenuhi');
    expect(result.deskId).toBe(6);
    expect(assessJkp(assessment, { ...eligible, kontrak: 'pkwt' }).id).toBe('kemungkinan-memenuhi');
  });

  it('says a resignation is probably not covered and points to job placement (desk 4)', () => {
    const result = assessJkp(assessment, { ...eligible, berakhir: 'mengundurkan-diri' });
    expect(result.id).toBe('mengundurkan-diri');
    expect(result.deskId).toBe(4);
  });

  it('says a non-participant is probably not covered, whatever else they answer', () => {
    expect(assessJkp(assessment, { ...eligible, peserta: 'tidak' }).id).toBe('bukan-peserta');
  });

  it('falls back to "an officer must check" when answers are unsure or missing', () => {
    expect(assessJkp(assessment, { ...eligible, peserta: 'tidak-tahu' }).id).toBe('perlu-konsultasi');
    expect(assessJkp(assessment, { ...eligible, iuran: 'tidak-tahu' }).id).toBe('perlu-konsultasi');
    expect(assessJkp(assessment, {}).id).toBe('perlu-konsultasi');
    expect(assessJkp(assessment, { constructor: 'x', berakhir: 'tidak-ada' }).id).toBe('perlu-konsultasi');
  });

  it('gives the other exclusions their own results', () => {
    expect(assessJkp(assessment, { ...eligible, berakhir: 'pensiun' }).id).toBe('program-lain');
    expect(assessJkp(assessment, { ...eligible, berakhir: 'kontrak-berakhir' }).id).toBe('kontrak-berakhir');
    expect(assessJkp(assessment, { ...eligible, iuran: 'kurang' }).id).toBe('iuran-kurang');
    expect(assessJkp(assessment, { ...eligible, waktu: '3-bulan-lebih' }).id).toBe('lewat-waktu');
    expect(assessJkp(assessment, { ...eligible, bersedia: 'sudah-bekerja' }).deskId).toBeUndefined();
  });

  it('stops asking once the answers decide, and agrees with assessJkp on every complete answer set', () => {
    expect(decidedJkpResult(assessment, { berakhir: 'mengundurkan-diri' })?.id).toBe('mengundurkan-diri');
    expect(decidedJkpResult(assessment, { berakhir: 'phk' })).toBeUndefined();
    expect(decidedJkpResult(assessment, { berakhir: 'phk', peserta: 'tidak' })?.id).toBe('bukan-peserta');
    let combinations = 0;
    const reached = new Set<string>();
    const walk = (index: number, answers: Record<string, string>) => {
      const question = assessment.questions[index];
      if (question === undefined) {
        combinations += 1;
        const result = assessJkp(assessment, answers);
        reached.add(result.id);
        expect(decidedJkpResult(assessment, answers)).toBe(result);
        return;
      }
      for (const option of question.options) walk(index + 1, { ...answers, [question.id]: option.id });
    };
    walk(0, {});
    expect(combinations).toBe(7 * 3 * 3 * 3 * 2 * 3);
    expect([...reached].sort()).toEqual(assessment.results.map((result) => result.id).sort());
  });

  it('refuses rules that point nowhere or shadow later rules', () => {
    const broken: Assessment = {
      ...assessment,
      rules: [{ when: [], result: 'perlu-konsultasi' }, { when: [{ question: 'berakhir', anyOf: ['dipecat'] }], result: 'tidak-ada' }],
    };
    const messages = AssessmentSchema.safeParse(broken).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toContain('rules.0.when: only the last rule may have no conditions; this one makes the rules after it unreachable');
    expect(messages).toContain('rules.1.when: the last rule is the default: it must have no conditions (when: [])');
    expect(messages).toContain('rules.1.result: unknown result tidak-ada');
    expect(messages).toContain('rules.1.when.0.anyOf.0: the question berakhir has no option dipecat');
  });
});

describe('vacancy search', () => {
  const vacancy = (id: string, patch: Partial<Vacancy>): Vacancy => ({
    id,
    title: 'Staf',
    company: 'PT Contoh',
    location: { city: 'Kota Bandung', province: 'Jawa Barat' },
    education: 'sma',
    employmentType: 'tetap',
    closesAt: '2027-01-31',
    applyUrl: `https://contoh.example/${id}`,
    ...patch,
  });
  const list = [
    vacancy('a', { title: 'Barista Kafé', company: 'CV Contoh Kopi', education: 'smp' }),
    vacancy('b', { title: 'Teknisi Listrik', education: 'd1_d3', location: { city: 'Kota Surabaya', province: 'Jawa Timur' } }),
    vacancy('c', { title: 'Analis Data', education: 's2', summary: { id: 'Mengolah data survei', en: 'Analyse survey data' } }),
    vacancy('d', { title: 'Kasir', closesAt: '2026-12-02' }),
    vacancy('e', { title: 'Pramuniaga', closesAt: '2026-12-03', location: { city: 'Kota Administrasi Jakarta Selatan', province: 'DKI Jakarta' } }),
  ];
  const ids = (found: Vacancy[]) => found.map((candidate) => candidate.id);
  const TODAY = '2026-12-03';

  it('lists open vacancies in the feed\'s order; one closing today is still open', () => {
    expect(ids(searchVacancies(list, {}, TODAY))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(searchVacancies(list, {}, '2026-12-02'))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('matches keywords without regard to case or accents, every word, over title, company and summary', () => {
    expect(ids(searchVacancies(list, { keyword: 'kafe' }, TODAY))).toEqual(['a']);
    expect(ids(searchVacancies(list, { keyword: '  BARISTA   kopi ' }, TODAY))).toEqual(['a']);
    expect(ids(searchVacancies(list, { keyword: 'barista listrik' }, TODAY))).toEqual([]);
    expect(ids(searchVacancies(list, { keyword: 'survey' }, TODAY))).toEqual(['c']);
    expect(ids(searchVacancies(list, { keyword: 'kasir' }, TODAY))).toEqual([]);
  });

  it('matches a city or province, with or without "Kota"', () => {
    expect(ids(searchVacancies(list, { location: 'surabaya' }, TODAY))).toEqual(['b']);
    expect(ids(searchVacancies(list, { location: 'Kota Surabaya' }, TODAY))).toEqual(['b']);
    expect(ids(searchVacancies(list, { location: 'jawa barat' }, TODAY))).toEqual(['a', 'c']);
    expect(ids(searchVacancies(list, { location: 'Jakarta' }, TODAY))).toEqual(['e']);
  });

  it('shows vacancies asking at most the visitor\'s education, in the levels\' order', () => {
    expect(EDUCATION_LEVELS).toEqual(['sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2', 's3']);
    expect(ids(searchVacancies(list, { education: 'sd' }, TODAY))).toEqual([]);
    expect(ids(searchVacancies(list, { education: 'sma' }, TODAY))).toEqual(['a', 'e']);
    expect(ids(searchVacancies(list, { education: 'd1_d3' }, TODAY))).toEqual(['a', 'b', 'e']);
    expect(ids(searchVacancies(list, { education: 's3' }, TODAY))).toEqual(['a', 'b', 'c', 'e']);
    expect(ids(searchVacancies(list, { education: 'd4_s1', location: 'bandung', keyword: 'barista' }, TODAY))).toEqual(['a']);
  });

  it('drops the sample file\'s closed vacancies', () => {
    const open = searchVacancies(vacanciesFile.vacancies, {}, TODAY);
    expect(open.length).toBe(vacanciesFile.vacancies.length - 2);
    expect(open.every((candidate) => candidate.closesAt >= TODAY)).toBe(true);
  });
});

describe('ratified PP/PKB search', () => {
  const company = (name: string, patch: Partial<RatifiedCompany>): RatifiedCompany => ({
    name,
    kind: 'pp',
    number: `CONTOH/PP/${name.length}/2025`,
    ratifiedOn: '2025-01-10',
    validUntil: '2027-01-09',
    city: 'Kota Bandung',
    province: 'Jawa Barat',
    ...patch,
  });
  const list = [
    company('PT Contoh Zamrud', { kind: 'pkb', number: 'CONTOH/PKB/7/2024', ratifiedOn: '2024-01-02', validUntil: '2026-01-01' }),
    company('PT Contoh Ékspres', { city: 'Kota Medan', province: 'Sumatera Utara' }),
    company('CV Contoh Abadi', {}),
  ];
  const names = (found: RatifiedCompany[]) => found.map((candidate) => candidate.name);

  it('finds by name or number, by kind and by place, sorted by name', () => {
    expect(names(searchRatified(list, {}))).toEqual(['CV Contoh Abadi', 'PT Contoh Ékspres', 'PT Contoh Zamrud']);
    expect(names(searchRatified(list, { keyword: 'ekspres' }))).toEqual(['PT Contoh Ékspres']);
    expect(names(searchRatified(list, { keyword: 'pkb/7' }))).toEqual(['PT Contoh Zamrud']);
    expect(names(searchRatified(list, { kind: 'pp' }))).toEqual(['CV Contoh Abadi', 'PT Contoh Ékspres']);
    expect(names(searchRatified(list, { location: 'sumatera' }))).toEqual(['PT Contoh Ékspres']);
    expect(names(searchRatified(list, { keyword: 'contoh', location: 'Kota Bandung', kind: 'pkb' }))).toEqual(['PT Contoh Zamrud']);
  });

  it('tells whether a decision is still in force', () => {
    expect(isRatificationInForce(list[0]!, '2026-01-01')).toBe(true);
    expect(isRatificationInForce(list[0]!, '2026-01-02')).toBe(false);
    expect(isRatificationInForce(list[2]!, '2024-12-31')).toBe(false);
  });

  it('refuses a decision valid until before it was made', () => {
    const bad = { ...ratifiedFile, companies: [{ ...ratifiedFile.companies[0]!, validUntil: '2020-01-01' }] };
    expect(RatifiedCompaniesFileSchema.safeParse(bad).error?.issues[0]?.path).toEqual(['companies', 0, 'validUntil']);
  });
});

describe('the content check', () => {
  const breakNeeds = (dir: string) => {
    const needs = JSON.parse(readFileSync(join(dir, 'needs.json'), 'utf8'));
    needs.needs[3].serviceCodes[0] = 'D9.P01';
    writeFileSync(join(dir, 'needs.json'), `${JSON.stringify(needs, null, 2)}\n`);
  };
  const copyContent = () => {
    const dir = tempDir('kiosk-content-');
    for (const [name, text] of Object.entries(readContent(CONTENT_DIR))) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('names the file and the field of a broken copy', () => {
    const dir = copyContent();
    breakNeeds(dir);
    const problems = checkContentFiles(readContent(dir));
    expect(problems).toEqual([{ file: 'needs.json', path: 'needs[3].serviceCodes[0]', message: 'unknown service D9.P01' }]);
    expect(describeContentProblem(problems[0]!, 'assets/content/')).toBe('assets/content/needs.json: needs[3].serviceCodes[0]: unknown service D9.P01');
  });

  it('reports bad JSON, unknown and missing files, and needs pointing at guides that do not exist', () => {
    const files = readContent(CONTENT_DIR);
    const needs = JSON.parse(files['needs.json']!);
    needs.needs[0].guideId = 'tidak-ada';
    const problems = checkContentFiles({
      ...files,
      'needs.json': JSON.stringify(needs),
      'jkp-assessment.json': '{ "version": 1,',
      'catatan.txt': 'x',
    });
    const lines = problems.map((problem) => describeContentProblem(problem, 'assets/content'));
    expect(lines).toContain('assets/content/needs.json: needs[0].guideId: unknown guide tidak-ada (not in guides.json)');
    expect(lines.some((line) => line.startsWith('assets/content/jkp-assessment.json: not valid JSON'))).toBe(true);
    expect(lines.some((line) => line.startsWith('assets/content/catatan.txt: no schema for this file'))).toBe(true);
    const withoutVacancies = { ...files };
    delete withoutVacancies['vacancies.sample.json'];
    expect(checkContentFiles(withoutVacancies).map((problem) => describeContentProblem(problem, 'assets/content'))).toEqual([
      'assets/content/vacancies.sample.json: missing: one of vacancies.json, vacancies.sample.json is required',
    ]);
  });

  it('runs as the build runs it: the script exits 1 with one line per problem', async () => {
    const dir = copyContent();
    const bundleDir = tempDir('kiosk-content-script-');
    const script = join(bundleDir, 'check-content.mjs');
    await build({ entryPoints: ['scripts/check-content.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: script, logLevel: 'error' });
    expect(spawnSync(process.execPath, [script, dir], { encoding: 'utf8' }).status).toBe(0);
    breakNeeds(dir);
    const run = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${dir}/needs.json: needs[3].serviceCodes[0]: unknown service D9.P01`);
  });
});
