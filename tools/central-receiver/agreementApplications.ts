import type { ValidateFunction } from 'ajv/dist/2020.js';
import { validationProblems } from './openApiValidator.js';
import type { ValidationProblem } from './problems.js';

/**
 * The PP/PKB applications the lookup (`getAgreementApplication`) answers from: the fixture
 * `agreement-applications` is `{"applications": [...]}`, each entry exactly the document's answer
 * for its number. The ministry's own central reads its application system instead; the reference
 * only needs a handful of plausible ones, one per status, to show a kiosk every answer.
 */

/** What is wrong with a fixture, as JSON pointers: the wrapper, each entry against the document, repeated numbers. */
export function applicationFixtureProblems(value: unknown, validateApplication: ValidateFunction): ValidationProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path: '/', message: 'must be an object {"applications": [...]}' }];
  const problems: ValidationProblem[] = Object.keys(value)
    .filter((key) => key !== 'applications')
    .map((key) => ({ path: `/${key}`, message: 'is not allowed' }));
  const list = (value as { applications?: unknown }).applications;
  if (!Array.isArray(list)) return [...problems, { path: '/applications', message: 'must be an array' }];
  const seen = new Set<string>();
  list.forEach((entry: unknown, index) => {
    if (!validateApplication(entry)) problems.push(...validationProblems(validateApplication.errors, `/applications/${index}`));
    const number = (entry as { number?: unknown } | null)?.number;
    if (typeof number !== 'string') return;
    // Two entries for one number would make the answer depend on the order of the file.
    if (seen.has(number)) problems.push({ path: `/applications/${index}/number`, message: `${number} is listed twice` });
    seen.add(number);
  });
  return problems;
}

/**
 * Number → entry of the fixture's exact bytes. Forgiving on purpose: a fixture replaced with
 * `unchecked` is indexed as far as it goes, and whatever of it breaks the document is caught when
 * the answer is checked on the way out.
 */
export function indexApplications(body: string): ReadonlyMap<string, unknown> {
  const list = (JSON.parse(body) as { applications?: unknown } | null)?.applications;
  const byNumber = new Map<string, unknown>();
  if (!Array.isArray(list)) return byNumber;
  for (const entry of list as unknown[]) {
    const number = (entry as { number?: unknown } | null)?.number;
    if (typeof number === 'string' && !byNumber.has(number)) byNumber.set(number, entry);
  }
  return byNumber;
}
