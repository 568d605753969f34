import { z } from 'zod';

/**
 * Device settings: the `printer`, `scanner` and `buttons` sections of the kiosk configuration
 * file, and what the technician's device screen sends. Kept in the contract so both validate
 * against the same schema.
 */

/** The same range as the contract's DeskIdSchema; repeated here so this file stands alone. */
const DeskIdSchema = z.number().int().min(1).max(7);

const PaperSchema = z.enum(['80mm', '58mm']).default('80mm');
/**
 * How a printer reports status. `dle-eot`: real-time DLE EOT 1–4 queries before and after each job
 * (Epson TM and most ESC/POS clones); `asb`: automatic status back (GS a), the printer sends its
 * status on every change; `none`: the model cannot answer, so its jobs are `unconfirmed`.
 */
const PrinterStatusModeSchema = z.enum(['dle-eot', 'asb', 'none']).default('dle-eot');
const PrinterTimeoutSchema = z.number().int().min(100).max(60_000).default(5000);
// Any absolute path, not only /dev: udev symlinks and test pseudo-terminals live elsewhere.
const SerialPathSchema = z.string().max(200).regex(/^(\/[A-Za-z0-9._/-]+|COM\d{1,3})$/, 'a device path such as /dev/ttyUSB0 or COM3');
const BaudRateSchema = z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).default(9600);

/**
 * A printer's connection and capabilities as the configuration file and the technician's device
 * screen give them; one schema for both.
 */
export const PrinterConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulator'), paper: PaperSchema }).strict(),
  z
    .object({
      kind: z.literal('tcp'),
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(9100),
      timeoutMs: PrinterTimeoutSchema,
      paper: PaperSchema,
      status: PrinterStatusModeSchema,
    })
    .strict(),
  z
    .object({ kind: z.literal('serial'), path: SerialPathSchema, baudRate: BaudRateSchema, timeoutMs: PrinterTimeoutSchema, paper: PaperSchema, status: PrinterStatusModeSchema })
    .strict(),
  z
    .object({
      kind: z.literal('usb-lp'),
      path: z.string().regex(/^\/dev\/usb\/lp\d{1,2}$/, 'a USB printer device such as /dev/usb/lp0'),
      timeoutMs: PrinterTimeoutSchema,
      paper: PaperSchema,
      status: PrinterStatusModeSchema,
    })
    .strict(),
]);
/** Where scans go: the visitor's own screen, or the officer at one desk counter. */
export const ScanDestinationSchema = z.union([
  z.literal('kiosk'),
  z.object({ deskId: DeskIdSchema, counterNumber: z.number().int().min(1).max(20) }).strict(),
]);
export type ScanDestination = z.infer<typeof ScanDestinationSchema>;
const ScanFramingSchema = {
  /** Characters the scanner is programmed to send before and after each code (often none / CR). */
  prefix: z.string().max(8).default(''),
  suffix: z.string().max(8).default('\r'),
};
export const ScannerConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('simulator'), deliverTo: ScanDestinationSchema.default('kiosk') }).strict(),
  z.object({ kind: z.literal('serial'), path: SerialPathSchema, baudRate: BaudRateSchema, deliverTo: ScanDestinationSchema.default('kiosk'), ...ScanFramingSchema }).strict(),
  z
    .object({ kind: z.literal('hid'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff), deliverTo: ScanDestinationSchema.default('kiosk') })
    .strict(),
  /** A scanner that types into the kiosk window; told from a person typing by key timing. */
  z.object({ kind: z.literal('keyboard-wedge'), deliverTo: ScanDestinationSchema.default('kiosk'), ...ScanFramingSchema, maxKeyGapMs: z.number().int().min(5).max(100).default(35) }).strict(),
]);
export type ScannerConfig = z.infer<typeof ScannerConfigSchema>;
export const ButtonPanelConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('simulator') }).strict(),
  z.object({ kind: z.literal('serial'), path: SerialPathSchema, baudRate: BaudRateSchema }).strict(),
  z.object({ kind: z.literal('hid'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) }).strict(),
  /** Keys the panel sends as a keyboard, answers 1–4 then the optional back/help key. */
  z
    .object({
      kind: z.literal('keyboard'),
      keys: z.array(z.string().regex(/^[A-Za-z0-9]{1,12}$/)).min(4).max(5).default(['F13', 'F14', 'F15', 'F16']),
    })
    .strict(),
]);
export type ButtonPanelConfig = z.infer<typeof ButtonPanelConfigSchema>;
export type PrinterConfig = z.infer<typeof PrinterConfigSchema>;
