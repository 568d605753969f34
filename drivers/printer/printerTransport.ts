/**
 * How bytes reach a printer. Guarantees every implementation keeps (simulators included):
 * `send` resolves only once the whole job is handed over, rejects with a reason otherwise, and is
 * never called again before the previous call settled (the printer serialises jobs).
 */
export interface PrinterTransport {
  /** e.g. `simulator`, `tcp`; shown in health and device status. */
  readonly kind: string;
  /** Where it prints, for technicians (directory, host:port). */
  readonly target: string;
  send(bytes: Uint8Array, jobName: string): Promise<void>;
  close(): Promise<void>;
}
