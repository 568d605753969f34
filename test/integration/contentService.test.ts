import { join } from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import guidesFile from '../../assets/content/guides.json' with { type: 'json' };
import assessmentFile from '../../assets/content/jkp-assessment.json' with { type: 'json' };
import needsFile from '../../assets/content/needs.json' with { type: 'json' };
import ratifiedFile from '../../assets/content/ratified-companies.sample.json' with { type: 'json' };
import vacanciesFile from '../../assets/content/vacancies.sample.json' with { type: 'json' };
import type { Content } from '../../src/central/api.js';
import { VisitorContentSchema } from '../../src/contract/central.js';
import type { VacanciesFile } from '../../src/domain/visitorContent.js';
import { ContentService } from '../../src/host/content/contentService.js';
import type { Logger, LogFields } from '../../src/host/logger.js';
import { openKioskDatabase, type KioskDatabase } from '../../src/store/kioskDatabase.js';
import { noteResourceCheck, storeResource } from '../../src/store/outboxQueries.js';
import { tempDir } from '../support/tempDir.js';

interface Line {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

function recordingLogger(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const record = (level: Line['level']) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { log: { info: record('info'), warn: record('warn'), error: record('error') }, lines };
}

/** A real kiosk database file, as the host opens it (migrations included). */
function database(): KioskDatabase {
  const { db } = openKioskDatabase(join(tempDir(), 'kiosk.sqlite'));
  onTestFinished(() => {
    db.close();
  });
  return db;
}

function setUp() {
  const db = database();
  const { log, lines } = recordingLogger();
  return { db, lines, content: new ContentService({ db, log }) };
}

/** Central's content: the shipped texts with edits only central would make. */
function centralContent(): Content {
  const content = structuredClone({ version: 1 as const, needs: needsFile, guides: guidesFile, assessment: assessmentFile, ratified: ratifiedFile }) as unknown as Content;
  content.needs.needs[0]!.title = { id: 'Judul dari pusat', en: 'Title from central' };
  content.ratified.source = 'Pusat SIAPkerja — registri PP/PKB';
  content.ratified.fetchedAt = '2027-01-05T02:00:00Z';
  return content;
}

function centralVacancies(): VacanciesFile {
  const feed = structuredClone(vacanciesFile) as unknown as VacanciesFile;
  return { ...feed, source: 'Pusat SIAPkerja — Karirhub', fetchedAt: '2027-01-05T02:00:00Z', vacancies: feed.vacancies.slice(0, 2) };
}

describe('visitor content (content.get)', () => {
  it('is the shipped files while central has given nothing', () => {
    const { db, content, lines } = setUp();
    // A check that failed before any copy arrived leaves a row without a body.
    noteResourceCheck(db, 'content', '2027-01-05T01:00:00Z', 'connect ECONNREFUSED');

    const value = content.get();
    expect(VisitorContentSchema.parse(value)).toEqual(value);
    expect(value.sources).toEqual({ content: 'shipped', vacancies: 'shipped' });
    expect(value.needs).toEqual(needsFile);
    expect(value.guides).toEqual(guidesFile);
    expect(value.assessment).toEqual(assessmentFile);
    expect(value.ratified).toEqual(ratifiedFile);
    expect(value.vacancies).toEqual(vacanciesFile);
    expect(lines).toEqual([]);
  });

  it("is central's copy once the puller stored a valid one, and stays cheap until the next", () => {
    const { db, content } = setUp();
    const shipped = content.get();
    expect(content.get()).toBe(shipped);

    storeResource(db, 'content', '"c1"', JSON.stringify(centralContent()), '2027-01-05T02:00:00Z');
    const central = content.get();
    expect(central.sources).toEqual({ content: 'central', vacancies: 'shipped' });
    expect(central.needs.needs[0]!.title.id).toBe('Judul dari pusat');
    expect(central.ratified.source).toBe('Pusat SIAPkerja — registri PP/PKB');
    expect(central).not.toHaveProperty('version');
    expect(VisitorContentSchema.parse(central)).toEqual(central);
    // Parsed once per stored version: the very same object until the puller stores another.
    expect(content.get()).toBe(central);

    const next = centralContent();
    next.needs.needs[0]!.title = { id: 'Judul baru', en: 'New title' };
    storeResource(db, 'content', '"c2"', JSON.stringify(next), '2027-01-05T03:00:00Z');
    expect(content.get().needs.needs[0]!.title.id).toBe('Judul baru');
  });

  it('falls back to the shipped copy, with one warning, when the stored copy is invalid', () => {
    const { db, content, lines } = setUp();
    const broken = centralContent() as unknown as { needs: { needs: Array<Record<string, unknown>> } };
    broken.needs.needs[0]!.serviceCodes = ['D9.P01'];
    storeResource(db, 'content', '"bad"', JSON.stringify(broken), '2027-01-05T02:00:00Z');

    expect(content.get().sources.content).toBe('shipped');
    expect(content.get().needs).toEqual(needsFile);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', fields: { kind: 'content', at: '2027-01-05T02:00:00Z' } });
    expect(String(lines[0]!.fields?.error)).toContain('needs.needs[0].serviceCodes[0]: unknown service D9.P01');

    // A body that is not the resource at all, and a need offering a guide that does not exist.
    storeResource(db, 'content', '"odd"', JSON.stringify({ hello: 'world' }), '2027-01-05T03:00:00Z');
    expect(content.get().sources.content).toBe('shipped');
    const orphan = centralContent();
    orphan.needs.needs.find((need) => need.guideId !== undefined)!.guideId = 'tidak-ada';
    storeResource(db, 'content', '"orphan"', JSON.stringify(orphan), '2027-01-05T04:00:00Z');
    expect(content.get().sources.content).toBe('shipped');
    expect(lines.map((line) => line.level)).toEqual(['warn', 'warn', 'warn']);
    expect(String(lines[2]!.fields?.error)).toMatch(/unknown guide tidak-ada/);

    // The puller's next good copy is taken as soon as it is stored.
    storeResource(db, 'content', '"good"', JSON.stringify(centralContent()), '2027-01-05T05:00:00Z');
    expect(content.get().sources.content).toBe('central');
  });

  it('survives a body edited by hand to something that is not JSON text of the resource', () => {
    const { db, content, lines } = setUp();
    // json_valid accepts a bare number; the schema does not.
    db.prepare("INSERT INTO central_cache (resource, etag, body, fetched_at, checked_at) VALUES ('vacancies', NULL, '42', '2027-01-05T02:00:00Z', '2027-01-05T02:00:00Z')").run();
    expect(content.get().sources).toEqual({ content: 'shipped', vacancies: 'shipped' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields?.kind).toBe('vacancies');
  });

  it('takes content and vacancies independently', () => {
    const { db, content, lines } = setUp();
    storeResource(db, 'vacancies', '"v1"', JSON.stringify(centralVacancies()), '2027-01-05T02:00:00Z');
    const vacanciesOnly = content.get();
    expect(vacanciesOnly.sources).toEqual({ content: 'shipped', vacancies: 'central' });
    expect(vacanciesOnly.vacancies.source).toBe('Pusat SIAPkerja — Karirhub');
    expect(vacanciesOnly.vacancies.vacancies).toHaveLength(2);
    expect(vacanciesOnly.needs).toEqual(needsFile);

    // A bad content copy does not cost the good vacancies, nor the reverse.
    storeResource(db, 'content', '"bad"', JSON.stringify({ version: 1 }), '2027-01-05T03:00:00Z');
    expect(content.get().sources).toEqual({ content: 'shipped', vacancies: 'central' });
    storeResource(db, 'content', '"c1"', JSON.stringify(centralContent()), '2027-01-05T04:00:00Z');
    storeResource(db, 'vacancies', '"v2"', JSON.stringify({ ...centralVacancies(), version: 2 }), '2027-01-05T04:00:00Z');
    const contentOnly = content.get();
    expect(contentOnly.sources).toEqual({ content: 'central', vacancies: 'shipped' });
    expect(contentOnly.vacancies).toEqual(vacanciesFile);
    expect(contentOnly.needs.needs[0]!.title.id).toBe('Judul dari pusat');
    expect(lines.map((line) => line.fields?.kind)).toEqual(['content', 'vacancies']);
  });
});
