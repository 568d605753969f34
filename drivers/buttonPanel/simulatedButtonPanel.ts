import type { PanelButton, PanelFeedback } from '../../src/devices/buttonPanel.js';
import type { ButtonPanelSimulatorControls } from '../../src/devices/simulatorControls.js';
import { ButtonPanelBase, type DriverLog } from './buttonPanelBase.js';

/**
 * A button panel on the technician's screen and in tests. Presses pass the same debounce as a
 * real panel's (two clicks within the window are one press) and arrive before `press()` returns;
 * an unplugged simulator delivers nothing. Its lights are remembered for whoever wants to show
 * them.
 */
export class SimulatedButtonPanel extends ButtonPanelBase implements ButtonPanelSimulatorControls {
  #connected = true;
  #lastFeedback: PanelFeedback = { kind: 'idle' };

  constructor(options: { debounceMs?: number; log?: DriverLog; clock?: () => Date } = {}) {
    super({ driver: 'buttons/simulator', state: 'online', detail: 'simulated button panel', debounceMs: options.debounceMs, log: options.log, clock: options.clock });
  }

  press(button: PanelButton): void {
    if (!this.#connected) return;
    this.signalPress(button);
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.setStatus(connected ? 'online' : 'offline', connected ? 'simulated button panel' : 'simulated button panel unplugged');
  }

  feedback(signal: PanelFeedback): void {
    if (this.#connected) this.#lastFeedback = signal;
  }

  /** What the panel's lights show now. */
  lastFeedback(): PanelFeedback {
    return this.#lastFeedback;
  }

  async close(): Promise<void> {
    this.#connected = false;
  }
}
