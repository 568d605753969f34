import type { DeviceStatus } from '../contract/api.js';
import type { Slip } from '../domain/ticketSlip.js';

/**
 * The port through which the core prints. Drivers implement it (protocol × transport); the core
 * never sees bytes, ports or sockets.
 */
export interface TicketPrinter {
  /** Prints one slip; `jobName` names the job for logs and simulators (e.g. the ticket number). */
  print(slip: Slip, jobName: string): Promise<void>;
  status(): DeviceStatus;
  /** Called on every change of state, in the order jobs finished. */
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  close(): Promise<void>;
}
