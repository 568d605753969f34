import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './stationPages.js';

/**
 * Accessibility checks for the visitor screens in the e2e tests: axe-core's WCAG 2.x A/AA rules,
 * touch targets of at least 72 px, and in portrait nothing to touch in the top band of the screen
 * (out of reach). What they find is also written to test-output/ as a to-do list.
 */
/** Touch targets for a standing visitor, gloved hands and older users included. */
const MIN_TARGET_PX = 72;
/** In portrait the top of the screen (and its corners) is above a visitor's reach. */
const OUT_OF_REACH_PX = 160;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const INTERACTIVE = 'button, a[href], input, select, textarea, [role=button], [tabindex]:not([tabindex="-1"])';

/** The page's CSP refuses script tags: axe goes in as a script evaluated in the page. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');


export type Orientation = 'portrait' | 'landscape';
export type Check = (label: string, shot?: string) => Promise<void>;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}
interface Target {
  tag: string;
  testId: string | null;
  text: string;
  top: number;
  left: number;
  width: number;
  height: number;
}

/** Everything the checks found, by screen: written to test-output/ so a failing run reads as a to-do list. */
const findings: Array<{ screen: string; kind: 'axe' | 'axe-needs-review' | 'size' | 'reach'; detail: string }> = [];


/** Writes what the checks found, one entry per problem with its screens, to test-output/<name>.json. */
export function writeFindings(name: string): void {
  const grouped = new Map<string, { kind: string; detail: string; screens: string[] }>();
  for (const { screen, kind, detail } of findings) {
    const key = `${kind}\n${detail}`;
    const entry = grouped.get(key) ?? { kind, detail, screens: [] };
    entry.screens.push(screen);
    grouped.set(key, entry);
  }
  mkdirSync('test-output', { recursive: true });
  writeFileSync(`test-output/${name}.json`, `${JSON.stringify([...grouped.values()], null, 2)}\n`);
}

/** Finite animations and transitions done (the spinner's endless one aside), fonts loaded. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`Promise.race([
    Promise.all([
      document.fonts.ready,
      ...document.getAnimations()
        .filter((animation) => animation.effect && animation.effect.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ]),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ])`);
}

/** axe's violations, and what it could not decide by itself (listed for a person to look at, not asserted). */
async function runAxe(page: Page): Promise<{ violations: AxeViolation[]; incomplete: AxeViolation[] }> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })`)) as {
    violations: AxeViolation[];
    incomplete: AxeViolation[];
  };
}

/** Every visible interactive element, in page coordinates (the window may have scrolled for a tap). */
async function interactiveTargets(page: Page): Promise<Target[]> {
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(INTERACTIVE)})]
    .filter((element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
    .map((element) => {
      const box = element.getBoundingClientRect();
      const text = (element.innerText || element.getAttribute('aria-label') || element.textContent || '').replace(/\\s+/g, ' ').trim();
      return {
        tag: element.tagName.toLowerCase(),
        testId: element.getAttribute('data-testid'),
        text: text.length > 60 ? text.slice(0, 57) + '…' : text,
        top: Math.round(box.top + window.scrollY),
        left: Math.round(box.left + window.scrollX),
        width: Math.round(box.width),
        height: Math.round(box.height),
      };
    })
    .filter((target) => target.width > 0 && target.height > 0)`)) as Target[];
}

function describeViolation(violation: AxeViolation): string[] {
  return violation.nodes.map(
    (node) => `${violation.id} [${violation.impact ?? '-'}] ${violation.help} — ${JSON.stringify(node.target)}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`,
  );
}

function describeTarget(target: Target): string {
  return `<${target.tag}${target.testId ? ` data-testid="${target.testId}"` : ''}> "${target.text}" ${target.width}×${target.height} px at y=${target.top}`;
}

/** axe, target sizes and (portrait) reach on the screen as it is now; a screenshot in portrait when named. */
export function checker(page: Page, orientation: Orientation): Check {
  return async (label, shot) => {
    const screen = `${orientation} · ${label}`;
    await settle(page);

    const results = await runAxe(page);
    const axe = results.violations.flatMap(describeViolation);
    for (const detail of axe) findings.push({ screen, kind: 'axe', detail });
    for (const detail of results.incomplete.flatMap(describeViolation)) findings.push({ screen, kind: 'axe-needs-review', detail });
    expect.soft(axe, `${screen}: axe-core WCAG 2.x A/AA violations (rule [impact] help — target: what to fix)`).toEqual([]);

    const targets = await interactiveTargets(page);
    const small = targets.filter((target) => target.height < MIN_TARGET_PX).map(describeTarget);
    for (const detail of small) findings.push({ screen, kind: 'size', detail });
    expect.soft(small, `${screen}: interactive elements under ${MIN_TARGET_PX} px tall`).toEqual([]);

    if (orientation === 'portrait') {
      const high = targets.filter((target) => target.top < OUT_OF_REACH_PX).map(describeTarget);
      for (const detail of high) findings.push({ screen, kind: 'reach', detail });
      expect.soft(high, `${screen}: interactive elements starting in the top ${OUT_OF_REACH_PX} px, out of reach`).toEqual([]);
      if (shot) await screenshot(page, shot);
    }
  };
}

