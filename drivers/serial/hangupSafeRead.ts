import { read } from 'node:fs';

/**
 * serialport's Linux and macOS binding (bindings-cpp 13, `unixRead`) answers a read that returns
 * 0 bytes by reading again at once, forever (serialport/bindings-cpp#162). A 0-byte read on a
 * terminal is end of file: the far end hung up, as a USB adapter pulled out or a closed
 * pseudo-terminal does. The port then never reports its loss, and the retries pile up promises
 * without end.
 *
 * This replaces the open port's `read` with one that keeps the binding's contract (resolve with at
 * least one byte; wait for the poller when there is nothing yet; reject with `canceled` once
 * closed) but treats end of file as what it is: an error without `canceled`, which the stream
 * turns into a `close` event with `disconnected`. A single 0-byte read is given one more chance
 * after the poller says readable, since some UART drivers return 0 spuriously; a hung-up line
 * stays readable and returns 0 again.
 *
 * Ports without a file descriptor and poller (the Windows binding) are left alone.
 */
export function guardAgainstEndlessEof(port: unknown): void {
  if (!isUnixPort(port)) return;
  port.read = (buffer, offset, length) => readSome(port, buffer, offset, length);
}

interface UnixPort {
  fd: number | null;
  readonly isOpen: boolean;
  poller: { once(event: 'readable', callback: (error: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
}

function isUnixPort(port: unknown): port is UnixPort {
  if (typeof port !== 'object' || port === null) return false;
  const candidate = port as Partial<UnixPort>;
  return typeof candidate.fd === 'number' && typeof candidate.poller?.once === 'function' && typeof candidate.read === 'function';
}

async function readSome(port: UnixPort, buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
  let emptyReads = 0;
  for (;;) {
    const fd = port.fd;
    if (!port.isOpen || fd === null) throw canceled();
    let bytesRead: number;
    try {
      bytesRead = await new Promise<number>((resolve, reject) => read(fd, buffer, offset, length, null, (error, count) => (error ? reject(error) : resolve(count))));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
      await readable(port);
      continue;
    }
    if (bytesRead > 0) return { buffer, bytesRead };
    emptyReads += 1;
    if (emptyReads >= 2) throw Object.assign(new Error('the device hung up (end of file)'), { code: 'EOF' });
    await readable(port);
  }
}

function readable(port: UnixPort): Promise<void> {
  if (!port.isOpen) return Promise.reject(canceled());
  return new Promise((resolve, reject) => port.poller.once('readable', (error) => (error ? reject(error) : resolve())));
}

/** What the stream expects from a read ended by closing the port: not a disconnect. */
function canceled(): Error {
  return Object.assign(new Error('Port is not open'), { canceled: true });
}
