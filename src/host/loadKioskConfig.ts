import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issuesFromZod } from '../contract/errors.js';
import { KioskConfigSchema, type KioskConfig } from './kioskConfig.js';

export const CONFIG_FILE_NAME = 'kiosk.config.json';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads `<dataDir>/kiosk.config.json` if present; a missing file means all defaults. */
export function loadKioskConfig(dataDir: string): KioskConfig {
  const file = join(dataDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return KioskConfigSchema.parse({});
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = KioskConfigSchema.safeParse(json);
  if (!parsed.success) {
    const detail = issuesFromZod(parsed.error)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`${file} is invalid: ${detail}`);
  }
  return parsed.data;
}
