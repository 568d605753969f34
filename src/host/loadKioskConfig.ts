import { readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/**
 * Writes the device sections the technician chose into the configuration file, keeping every
 * other setting as the file has it. The whole file is validated by the same schema as at start-up
 * before anything is written, and replaced atomically (temporary file, then rename), so a power cut
 * never leaves half a configuration.
 */
export function saveConfigSections(dataDir: string, sections: Record<string, unknown>): KioskConfig {
  const file = join(dataDir, CONFIG_FILE_NAME);
  let current: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) current = parsed as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const next = { ...current, ...sections };
  const parsed = KioskConfigSchema.safeParse(next);
  if (!parsed.success) {
    throw new ConfigError(`the new settings are invalid: ${issuesFromZod(parsed.error).map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
  const temporary = `${file}.partial`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return parsed.data;
}
