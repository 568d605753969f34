// Checks the visitor content (assets/content/, or the directory given as the first argument)
// against its schemas: one line per problem, exit 1 if there is any. scripts/build.mjs runs it
// first, so a file that would break the kiosk's screens stops the build. The rules live in
// src/domain/visitorContent.ts (checkContentFiles); this file only reads the directory.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContentFiles, describeContentProblem } from '../src/domain/visitorContent.js';

const directory = process.argv[2] ?? 'assets/content';

let names: string[];
try {
  names = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
} catch (error) {
  console.error(`${directory}: cannot read the content directory (${error instanceof Error ? error.message : String(error)})`);
  process.exit(1);
}

const files = Object.fromEntries(names.map((name) => [name, readFileSync(join(directory, name), 'utf8')]));
const problems = checkContentFiles(files);
for (const problem of problems) console.error(describeContentProblem(problem, directory));
if (problems.length > 0) {
  console.error(`content: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${directory}`);
  process.exit(1);
}
