import guidesFile from '../../../assets/content/guides.json' with { type: 'json' };
import assessmentFile from '../../../assets/content/jkp-assessment.json' with { type: 'json' };
import needsFile from '../../../assets/content/needs.json' with { type: 'json' };
import ratifiedFile from '../../../assets/content/ratified-companies.sample.json' with { type: 'json' };
import vacanciesFile from '../../../assets/content/vacancies.sample.json' with { type: 'json' };
import { ZodError } from 'zod';
import { ContentSchema, VacanciesSchema, type Content } from '../../central/api.js';
import type { VisitorContent } from '../../contract/central.js';
import {
  AssessmentFileSchema,
  GuidesFileSchema,
  NeedsFileSchema,
  RatifiedCompaniesFileSchema,
  VacanciesFileSchema,
  formatIssuePath,
  type VacanciesFile,
} from '../../domain/visitorContent.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { cachedResource, cachedResourceStamp } from '../../store/outboxQueries.js';
import type { Logger } from '../logger.js';

export interface ContentServiceDeps {
  db: KioskDatabase;
  log: Logger;
}

type VisitorTexts = Omit<Content, 'version'>;

/** A central copy parsed once per stored version; `undefined` when it is missing or unusable. */
interface Parsed<T> {
  stamp: string;
  value: T | undefined;
}

/**
 * What the visitor screens show: central's copy of the content (needs, guides, the JKP
 * self-assessment, the PP/PKB registry) and of the vacancy feed when the puller has stored a good
 * one, else the files shipped in `assets/content/`. The two are independent — fresh vacancies with
 * shipped content is a normal state — and `sources` says which was used, so a sample is never
 * taken for the live feed.
 *
 * Every visitor screen asks for this, so each central copy is parsed once per version the puller
 * stored (its `fetched_at` and ETag), and the shipped files once per service.
 */
export class ContentService {
  readonly #deps: ContentServiceDeps;
  #shipped: { texts: VisitorTexts; vacancies: VacanciesFile } | undefined;
  #content: Parsed<VisitorTexts> | undefined;
  #vacancies: Parsed<VacanciesFile> | undefined;
  #answer: { content: Parsed<VisitorTexts>; vacancies: Parsed<VacanciesFile>; value: VisitorContent } | undefined;

  constructor(deps: ContentServiceDeps) {
    this.#deps = deps;
  }

  get(): VisitorContent {
    const shipped = this.#shippedFiles();
    const content = (this.#content = this.#fromCache('content', this.#content, parseContent));
    const vacancies = (this.#vacancies = this.#fromCache('vacancies', this.#vacancies, (body) => VacanciesSchema.parse(body)));
    // The same object while nothing changed: cheap for the caller, and for whoever serialises it.
    if (this.#answer?.content === content && this.#answer.vacancies === vacancies) return this.#answer.value;
    const value: VisitorContent = {
      ...(content.value ?? shipped.texts),
      vacancies: vacancies.value ?? shipped.vacancies,
      sources: { content: content.value ? 'central' : 'shipped', vacancies: vacancies.value ? 'central' : 'shipped' },
    };
    this.#answer = { content, vacancies, value };
    return value;
  }

  /**
   * The shipped files, checked by the build already; parsed here anyway so the host holds typed
   * values, and lazily so a host that never shows a visitor screen (tests) does not pay for it.
   */
  #shippedFiles(): { texts: VisitorTexts; vacancies: VacanciesFile } {
    this.#shipped ??= {
      texts: {
        needs: NeedsFileSchema.parse(needsFile),
        guides: GuidesFileSchema.parse(guidesFile),
        assessment: AssessmentFileSchema.parse(assessmentFile),
        ratified: RatifiedCompaniesFileSchema.parse(ratifiedFile),
      },
      vacancies: VacanciesFileSchema.parse(vacanciesFile),
    };
    return this.#shipped;
  }

  #fromCache<T>(resource: 'content' | 'vacancies', held: Parsed<T> | undefined, parse: (body: unknown) => T): Parsed<T> {
    // The stamp first: a megabyte of vacancies is read and parsed only when central sent a new copy,
    // so a station asking every second costs the kiosk one indexed row read.
    const current = cachedResourceStamp(this.#deps.db, resource);
    const stamp = current === undefined ? '' : `${current.fetched_at ?? ''}\n${current.etag ?? ''}\n${current.has_body}`;
    if (held?.stamp === stamp) return held;
    const row = cachedResource(this.#deps.db, resource);
    if (row?.body === null || row?.body === undefined) return { stamp, value: undefined };
    try {
      return { stamp, value: parse(JSON.parse(row.body)) };
    } catch (error) {
      // The puller stores only copies that passed the same schema, so this is a hand-edited or
      // damaged database: the visitor still gets the shipped copy, and the technician a log line.
      // Once per stored version, as the stamp is remembered with the verdict.
      this.#deps.log.warn('central copy unusable, showing the shipped one', { kind: resource, at: row.fetched_at, error: describe(error) });
      return { stamp, value: undefined };
    }
  }
}


/**
 * Central's content as the screens take it. Beyond the schema, the one rule the build checks across
 * files: a need offers only guides that exist, or the journey would lead to an empty screen.
 */
function parseContent(body: unknown): VisitorTexts {
  const { version: _version, ...texts } = ContentSchema.parse(body);
  const guideIds = new Set(texts.guides.guides.map((guide) => guide.id));
  const orphan = texts.needs.needs.find((need) => need.guideId !== undefined && !guideIds.has(need.guideId));
  if (orphan !== undefined) throw new Error(`need ${orphan.id} offers unknown guide ${orphan.guideId ?? ''}`);
  return texts;
}

/** The first problems, with their place in the body: enough for the technician, bounded for the log. */
function describe(error: unknown): string {
  const message =
    error instanceof ZodError
      ? error.issues
          .slice(0, 3)
          .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
          .join('; ')
      : error instanceof SyntaxError
        ? `not JSON: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
  return message.length > 300 ? `${message.slice(0, 299)}…` : message;
}
