import { SerialPort } from 'serialport';
import { onTestFinished } from 'vitest';

/** Plays a serial device (scanner, button panel) on its end of a PTY pair; closed when the test ends. */
export async function serialDevice(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  onTestFinished(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  return port;
}
