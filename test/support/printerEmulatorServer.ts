import { createServer, type Server, type Socket } from 'node:net';
import { EscPosPrinterEmulator, type EmulatedCover, type EmulatedJob, type EmulatedPaper } from '../../drivers/printer/escposPrinterEmulator.js';

/** How the network printer misbehaves, beyond what its paper and cover do. */
export type PrinterFault =
  /** Accepts connections, never reads a byte nor answers (a hung network card). */
  | { kind: 'silent' }
  /** Closes each connection as soon as it is accepted. */
  | { kind: 'close-on-accept' }
  /** Takes the first `bytes` bytes of each connection, then resets it (RST). */
  | { kind: 'reset-after'; bytes: number };

export interface PrinterEmulatorServer {
  readonly host: string;
  readonly port: number;
  /** The printer itself: paper, cover, ASB, and every job it saw. */
  readonly emulator: EscPosPrinterEmulator;
  /** Jobs ended by a cut, printed or not, in order. */
  readonly jobs: readonly EmulatedJob[];
  /** Connections accepted so far. */
  readonly connections: number;
  setFault(fault: PrinterFault | null): void;
  setPaper(paper: EmulatedPaper): void;
  setCover(cover: EmulatedCover): void;
  /** The paper runs out once the next job has sent `bytes` bytes. */
  paperOutDuringJob(bytes: number): void;
  /** Someone opens the cover once the next job has sent `bytes` bytes. */
  coverOpenDuringJob(bytes: number): void;
  /** Switched off: connections are refused until `switchOn`. */
  switchOff(): Promise<void>;
  switchOn(): Promise<void>;
  /** Stops everything it started. */
  close(): Promise<void>;
}

/**
 * A network receipt printer on loopback: a TCP server on 127.0.0.1 in front of the ESC/POS
 * emulator, with the faults a real one shows. One emulator for the server's whole life (one
 * printer); connections come and go as the driver opens one per job.
 */
export async function startPrinterEmulatorServer(): Promise<PrinterEmulatorServer> {
  const emulator = new EscPosPrinterEmulator();
  const sockets = new Set<Socket>();
  let fault: PrinterFault | null = null;
  let connections = 0;
  let server: Server | null = null;
  let port = 0;

  const accept = (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      emulator.flush();
    });
    // A connection the driver drops (timeout, reset) must not become an unhandled error here.
    socket.on('error', () => undefined);
    const current = fault;
    if (current?.kind === 'silent') {
      socket.pause();
      return;
    }
    if (current?.kind === 'close-on-accept') {
      // Half-close: the driver sees the end; bytes it sends meanwhile are not answered by a reset.
      socket.end();
      socket.resume();
      return;
    }
    const unsubscribe = emulator.onTransmit((bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    });
    socket.on('close', unsubscribe);
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (current?.kind === 'reset-after') {
        const allowed = Math.max(0, current.bytes - received);
        if (bytes.length >= allowed) {
          emulator.receive(bytes.subarray(0, allowed));
          socket.resetAndDestroy();
          return;
        }
      }
      received += bytes.length;
      emulator.receive(bytes);
    });
    socket.on('end', () => socket.end());
  };

  const listen = (onPort: number) =>
    new Promise<void>((resolve, reject) => {
      const next = createServer({ allowHalfOpen: true }, accept);
      next.once('error', reject);
      next.listen(onPort, '127.0.0.1', () => {
        next.off('error', reject);
        server = next;
        port = (next.address() as { port: number }).port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await listen(0);
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    emulator,
    get jobs() {
      return emulator.jobs;
    },
    get connections() {
      return connections;
    },
    setFault: (next) => (fault = next),
    setPaper: (paper) => emulator.setPaper(paper),
    setCover: (cover) => emulator.setCover(cover),
    paperOutDuringJob: (bytes) => emulator.whenJobReaches(bytes, () => emulator.setPaper('out')),
    coverOpenDuringJob: (bytes) => emulator.whenJobReaches(bytes, () => emulator.setCover('open')),
    switchOff: stop,
    switchOn: () => listen(port),
    close: stop,
  };
}
