import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules are only worth something if they fail the build. This builds a small tree with
 * one deliberate violation per rule and runs the real depcruise CLI with the project's config.
 */
const CONFIG = resolve('.dependency-cruiser.cjs');
const DEPCRUISE = resolve('node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  'src/contract/api.ts': 'export const ok = 1;\n',
  'src/store/kioskDatabase.ts': 'export const db = 1;\n',
  'src/host/host.ts': 'export const host = 1;\n',
  // Violations, one per rule.
  'src/host/usesElectron.ts': "import { app } from 'electron';\nexport const x = app;\n",
  'src/contract/usesNodeFs.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  'renderer/src/usesStore.ts': "import { db } from '../../src/store/kioskDatabase.js';\nexport const x = db;\n",
  'main/node/usesElectron.ts': "import { app } from 'electron';\nexport const x = app;\n",
  'renderer/src/usesSqlite.ts': "import Database from 'better-sqlite3';\nexport const x = Database;\n",
  'renderer/src/usesVite.ts': "import { createServer } from 'vite';\nexport const x = createServer;\n",
  'renderer/src/usesNodeFs.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  'renderer/src/usesElectron.ts': "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
  'src/host/usesRenderer.ts': "import { ui } from '../../renderer/src/ui.js';\nexport const x = ui;\n",
  'renderer/src/ui.ts': 'export const ui = 1;\n',
  'main/node/usesRenderer.ts': "import { ui } from '../../renderer/src/ui.js';\nexport const x = ui;\n",
  'src/domain/usesTest.ts': "import { helper } from '../../test/helper.js';\nexport const x = helper;\n",
  'test/helper.ts': 'export const helper = 1;\n',
  'src/domain/cycleA.ts': "import { b } from './cycleB.js';\nexport const a = () => b;\n",
  'src/domain/cycleB.ts': "import { a } from './cycleA.js';\nexport const b = () => a;\n",
  'drivers/usesHost.ts': "import { host } from '../src/host/host.js';\nexport const x = host;\n",
  'src/central/usesStore.ts': "import { db } from '../store/kioskDatabase.js';\nexport const x = db;\n",
  'tools/receiver/usesHost.ts': "import { host } from '../../src/host/host.js';\nexport const x = host;\n",
  // Allowed: the receiver may use the central contract.
  'tools/receiver/usesCentral.ts': "import { ok } from '../../src/contract/api.js';\nexport const x = ok;\n",
  // Allowed: the renderer may use the contract.
  'renderer/src/usesContract.ts': "import { ok } from '../../src/contract/api.js';\nexport const x = ok;\n",
};

let fixture: string;
let violations: Array<{ rule: string; from: string }>;

beforeAll(() => {
  fixture = mkdtempSync(join(tmpdir(), 'kiosk-boundaries-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), content);
  }
  const result = spawnSync(
    process.execPath,
    [DEPCRUISE, 'src', 'renderer', 'main', 'drivers', 'tools', '--config', CONFIG, '--output-type', 'json'],
    { cwd: fixture, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const output = JSON.parse(result.stdout) as {
    summary: { violations: Array<{ rule: { name: string }; from: string }> };
  };
  violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from }));
});

afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('layer boundary rules', () => {
  it('fail the check (non-zero exit) as `npm test` runs it', () => {
    const result = spawnSync(process.execPath, [DEPCRUISE, 'src', 'renderer', 'main', 'drivers', '--config', CONFIG], {
      cwd: fixture,
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain('src-not-to-electron');
  });

  it.each([
    ['src-not-to-electron', 'src/host/usesElectron.ts'],
    ['contract-and-domain-are-portable', 'src/contract/usesNodeFs.ts'],
    ['renderer-only-contract', 'renderer/src/usesStore.ts'],
    ['electron-only-in-main-electron', 'main/node/usesElectron.ts'],
    ['drivers-not-to-app', 'drivers/usesHost.ts'],
    ['contract-and-domain-are-portable', 'src/central/usesStore.ts'],
    ['tools-only-central-contract', 'tools/receiver/usesHost.ts'],
    ['renderer-only-ui-packages', 'renderer/src/usesSqlite.ts'],
    ['renderer-only-ui-packages', 'renderer/src/usesVite.ts'],
    ['renderer-not-to-node', 'renderer/src/usesNodeFs.ts'],
    ['renderer-not-to-electron', 'renderer/src/usesElectron.ts'],
    ['src-not-to-ui-or-devices', 'src/host/usesRenderer.ts'],
    ['main-not-to-renderer', 'main/node/usesRenderer.ts'],
    ['production-not-to-tests', 'src/domain/usesTest.ts'],
    ['no-circular', 'src/domain/cycleA.ts'],
  ])('%s fails the check for %s', (rule, from) => {
    expect(violations).toContainEqual({ rule, from });
  });

  it('lets the renderer import the contract', () => {
    expect(violations.filter((v) => v.from === 'renderer/src/usesContract.ts')).toEqual([]);
    expect(violations.filter((v) => v.from === 'tools/receiver/usesCentral.ts')).toEqual([]);
  });
});
