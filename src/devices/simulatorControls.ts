/**
 * Levers on the simulated devices, for the technician's device screen and for tests. Each
 * simulator obeys its real device's rules (a printer without paper fails its jobs, a scanner
 * delivers through the same framing); these only change the world the simulator lives in.
 */
export interface PrinterSimulatorControls {
  setPaper(paper: 'ok' | 'near-end' | 'out'): void;
  setCover(cover: 'closed' | 'open'): void;
  /** Unplugged: the simulated printer stops answering at all. */
  setConnected(connected: boolean): void;
}

export interface ScannerSimulatorControls {
  /** Delivers `text` as if it had been scanned, through the driver's framing. */
  scan(text: string): void;
  setConnected(connected: boolean): void;
}

export interface ButtonPanelSimulatorControls {
  press(button: 1 | 2 | 3 | 4 | 5): void;
  setConnected(connected: boolean): void;
}

export interface SimulatorControls {
  printer?: PrinterSimulatorControls;
  scanner?: ScannerSimulatorControls;
  buttons?: ButtonPanelSimulatorControls;
}
