import type { PanelFeedback } from '../../src/devices/buttonPanel.js';
import { ReconnectingSerialLine } from '../serial/reconnectingSerialLine.js';
import { ButtonPanelBase, type DriverLog } from './buttonPanelBase.js';
import { encodeFeedback, PanelLineSplitter, parsePanelLine } from './panelLineProtocol.js';

export interface SerialButtonPanelOptions {
  path: string;
  baudRate: number;
  debounceMs?: number;
  log?: DriverLog;
  clock?: () => Date;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A button panel speaking the line protocol of `panelLineProtocol.ts` on a serial port. */
export class SerialButtonPanel extends ButtonPanelBase {
  readonly #line: ReconnectingSerialLine;
  readonly #splitter = new PanelLineSplitter();

  constructor(options: SerialButtonPanelOptions) {
    const line = new ReconnectingSerialLine({
      path: options.path,
      baudRate: options.baudRate,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
      ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
    });
    const initial = line.status();
    super({ driver: 'buttons/serial', state: initial.state, detail: initial.detail, debounceMs: options.debounceMs, log: options.log, clock: options.clock });
    this.#line = line;
    line.onData((chunk) => this.#receive(chunk));
    line.onStatusChange((status) => {
      this.#splitter.reset();
      this.setStatus(status.state, status.detail, status.since);
    });
  }

  feedback(signal: PanelFeedback): void {
    // A panel without lights, or one unplugged right now, is no reason to fail an answer.
    this.#line.write(encodeFeedback(signal)).catch((error: unknown) => {
      this.log?.warn('button panel feedback not sent', { path: this.#line.path, error: (error as Error).message });
    });
  }

  async close(): Promise<void> {
    await this.#line.close();
  }

  #receive(chunk: Uint8Array): void {
    const now = performance.now();
    for (const item of this.#splitter.push(chunk)) {
      if ('problem' in item) {
        this.log?.warn(item.problem, { path: this.#line.path });
        continue;
      }
      const parsed = parsePanelLine(item.line);
      if (parsed.kind === 'press') this.signalPress(parsed.button, now);
      else if (parsed.kind === 'unknown') this.log?.warn(parsed.problem, { path: this.#line.path });
    }
  }
}
