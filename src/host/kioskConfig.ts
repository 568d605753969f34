import { z } from 'zod';
import { CentralAddressSchema } from '../contract/central.js';
import { DeskIdSchema, KioskTypeSchema } from '../contract/api.js';
import { ButtonPanelConfigSchema, PrinterConfigSchema, ScannerConfigSchema } from '../contract/deviceConfig.js';
import { DEFAULT_SERVICE_CALENDAR, ServiceCalendarSchema } from '../domain/serviceCalendar.js';
import { INDONESIAN_TIME_ZONES } from '../domain/serviceDate.js';
import { DESKS } from '../domain/desks.js';
import { ScanPatternSchema } from '../domain/siapkerjaScan.js';

/** A site's own settings for a desk: its ticket letter and an optional cap on numbers per day. */
export const DeskSettingSchema = z
  .object({
    id: DeskIdSchema,
    letter: z.string().regex(/^[A-Z]$/, 'one capital letter A–Z').optional(),
    dailyCap: z.number().int().min(1).max(999).optional(),
  })
  .strict();

export {
  ButtonPanelConfigSchema,
  PrinterConfigSchema,
  ScanDestinationSchema,
  ScannerConfigSchema,
  type ButtonPanelConfig,
  type PrinterConfig,
  type ScanDestination,
  type ScannerConfig,
} from '../contract/deviceConfig.js';

/**
 * The kiosk's configuration file (`<data-dir>/kiosk.config.json`). Every field has a default, so a
 * fresh machine runs with no file at all: a Tipe 1 kiosk in WIB with a simulated printer.
 */
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
    printer: PrinterConfigSchema.default({ kind: 'simulator', paper: '80mm' }),
    scanner: ScannerConfigSchema.default({ kind: 'simulator', deliverTo: 'kiosk' }),
    buttons: ButtonPanelConfigSchema.default({ kind: 'simulator' }),
    /**
     * What a scanned SIAPkerja-ID looks like at this site (the card format is not public): each
     * pattern matches the whole scan. Absent, the documented defaults apply (a NIK, a kemnaker.go.id
     * account link, `SIAPKERJA:<id>`).
     */
    scanPatterns: z.array(ScanPatternSchema).min(1).max(20).optional(),
    /** Printed at the foot of every ticket: where a visitor can complain (phone, WhatsApp, web). */
    complaintContact: z.string().trim().max(60).default('Kemnaker 1500-630 · kemnaker.go.id'),
    privacy: z
      .object({
        /** Days the visit data a visitor gave with consent (employment status, WhatsApp) is kept, then purged. */
        visitorDataDays: z.number().int().min(1).max(365).default(30),
      })
      .strict()
      .prefault({}),
    /** Untouched this long, the visitor screen drops what was entered and shows the information board. */
    idleSeconds: z.number().int().min(15).max(600).default(60),
    /** What the Electron window shows: the visitor kiosk, or a station page on this PC. */
    screen: z.enum(['kiosk', 'desk', 'reception', 'display', 'admin']).default('kiosk'),
    desks: z
      .array(DeskSettingSchema)
      .max(7)
      .default([])
      .superRefine((settings, context) => {
        const ids = new Set<number>();
        for (const setting of settings) {
          if (ids.has(setting.id)) context.addIssue({ code: 'custom', message: `desk ${setting.id} is listed twice` });
          ids.add(setting.id);
        }
        const letters = DESKS.map((desk) => settings.find((setting) => setting.id === desk.id)?.letter ?? desk.letter);
        const repeated = letters.find((letter, index) => letters.indexOf(letter) !== index);
        if (repeated) context.addIssue({ code: 'custom', message: `two desks would print the letter ${repeated}` });
      }),
    queue: z
      .object({
        /** After this many priority (kelompok rentan) calls in a row a waiting regular ticket goes next; 0 = no priority. */
        priorityBurst: z.number().int().min(0).max(10).default(2),
        /** Used for the waiting estimate until the desk has served someone today. */
        defaultServiceMinutes: z.number().int().min(1).max(120).default(10),
      })
      .strict()
      .default({ priorityBurst: 2, defaultServiceMinutes: 10 }),
    calendar: ServiceCalendarSchema.default(DEFAULT_SERVICE_CALENDAR),
    display: z
      .object({
        runningText: z
          .string()
          .trim()
          .max(500)
          .default(
            'Selamat datang di Kios SIAPkerja. Siapkan akun SIAPkerja Anda sebelum dipanggil. Layanan ini tidak dipungut biaya. ' +
              '· Welcome to Kios SIAPkerja. Please have your SIAPkerja account ready. This service is free of charge.',
          ),
      })
      .strict()
      .prefault({}),
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
    /** Store-and-forward to the central SIAPkerja API (docs/INTEGRATOR.md). */
    central: z
      .object({
        /** The central API's base address; null keeps every event in the outbox until one is set. */
        url: CentralAddressSchema
          .nullable()
          .default(null),
        /** A PEM file of extra certificate authorities to trust (a ministry CA); the system's are trusted too. */
        caFile: z.string().min(1).max(500).optional(),
        /** The site as the ministry knows it; sent once, at registration. */
        site: z
          .object({
            code: z.string().regex(/^[A-Z0-9-]{2,20}$/, 'the site code the ministry assigned, e.g. JKT-PUSAT-01'),
            province: z.string().trim().min(1).max(80),
            regency: z.string().trim().min(1).max(80),
          })
          .strict()
          .optional(),
        /** Events per upload (central accepts at most 500). */
        batchSize: z.number().int().min(1).max(500).default(200),
        /** Seconds between looks at the outbox when it was empty. */
        intervalSeconds: z.number().int().min(1).max(3600).default(10),
        /** Minutes between pulls of configuration, catalogue, content and vacancies. */
        pullMinutes: z.number().int().min(1).max(1440).default(15),
        /** A request that has not answered in this many seconds counts as failed. */
        timeoutSeconds: z.number().int().min(1).max(300).default(20),
        /** Longest wait between retries while central fails. */
        maxBackoffSeconds: z.number().int().min(1).max(3600).default(300),
        /** Delivered events are kept this many days (without personal data) for the technician, then deleted. */
        keepSentDays: z.number().int().min(0).max(365).default(14),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type KioskConfig = z.infer<typeof KioskConfigSchema>;
export type KioskConfigInput = z.input<typeof KioskConfigSchema>;

export function defaultKioskConfig(): KioskConfig {
  return KioskConfigSchema.parse({});
}
