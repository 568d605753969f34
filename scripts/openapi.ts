// Writes docs/api/central-api.openapi.json from the zod contract in src/central/ (the only source).
// `--check` only compares and fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/central/openapi.js';

const FILE = 'docs/api/central-api.openapi.json';
const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`${FILE} is stale: run npm run openapi`);
    process.exit(1);
  }
} else {
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE} (${text.length} bytes)`);
}
