import type { DeviceStatus, PrintFailureReason } from '../contract/api.js';
import type { Slip } from '../domain/ticketSlip.js';

/**
 * How one job ended. `printed` only when the printer itself confirmed it (status read back before
 * and after the job); `unconfirmed` when the configured model cannot report status, so nobody
 * knows; `failed` with a reason otherwise. There is no other way to end a job.
 */
export type PrintResult =
  | { status: 'printed' }
  | { status: 'unconfirmed'; detail: string }
  | { status: 'failed'; reason: PrintFailureReason; detail: string };

export interface PrintJob {
  slip: Slip;
  /** Names the job for logs and simulators (e.g. the ticket number). Never personal data. */
  name: string;
}

/**
 * The port through which the core prints. Drivers implement it (protocol × transport); the core
 * never sees bytes, ports or sockets.
 *
 * Guarantees every implementation keeps (simulators included):
 * - `print` never rejects: every fault becomes a `failed` result with its reason;
 * - `print` settles in bounded time even when the device never answers: each step (connect,
 *   status before, the job, status after) has the driver's timeout, so a job takes at most a few
 *   timeouts, and a job queued behind it waits for it;
 * - while the printer is known to be offline, `print` fails fast (a circuit breaker) and a
 *   background probe notices its return;
 * - jobs are serialised: two tickets never interleave their bytes.
 */
export interface TicketPrinter {
  print(job: PrintJob): Promise<PrintResult>;
  /** Asks the printer for its status now (device screen, start-up); resolves with the new status. */
  probe(): Promise<DeviceStatus>;
  status(): DeviceStatus;
  /** Called on every change of health, in order. */
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  /** Waits for queued jobs (bounded by their timeouts), then releases the transport. */
  close(): Promise<void>;
}
