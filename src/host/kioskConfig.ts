import { z } from 'zod';
import { KioskTypeSchema } from '../contract/api.js';
import { INDONESIAN_TIME_ZONES } from '../domain/serviceDate.js';

/**
 * The kiosk's configuration file (`<data-dir>/kiosk.config.json`). Every field has a default, so a
 * fresh machine runs with no file at all: a Tipe 1 kiosk in WIB with a simulated printer.
 */
export const PrinterConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulator') }).strict(),
  z
    .object({
      kind: z.literal('tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(9100),
      timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    })
    .strict(),
]);
export type PrinterConfig = z.infer<typeof PrinterConfigSchema>;

export const KioskConfigSchema = z
  .object({
    siteName: z.string().trim().min(1).max(60).default('Kementerian Ketenagakerjaan RI'),
    kioskType: KioskTypeSchema.default(1),
    /** Tipe 4 offers desk 6 and/or desk 7; which ones is the site's choice. */
    tipe4Desks: z
      .array(z.union([z.literal(6), z.literal(7)]))
      .min(1)
      .max(2)
      .default([6, 7]),
    timeZone: z.enum(INDONESIAN_TIME_ZONES).default('Asia/Jakarta'),
    printer: PrinterConfigSchema.default({ kind: 'simulator' }),
    lan: z
      .object({
        /** Off by default: the host answers only on 127.0.0.1 until a technician opens it. */
        enabled: z.boolean().default(false),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Names stations may use for the kiosk besides its IP address, e.g. `kios.bbpvp.local`. */
        hostnames: z.array(z.string().regex(/^[a-z0-9.-]{1,253}$/i)).max(10).default([]),
      })
      .strict()
      .default({ enabled: false, port: 8080, hostnames: [] }),
  })
  .strict();
export type KioskConfig = z.infer<typeof KioskConfigSchema>;
export type KioskConfigInput = z.input<typeof KioskConfigSchema>;

export function defaultKioskConfig(): KioskConfig {
  return KioskConfigSchema.parse({});
}
