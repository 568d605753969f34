import type { DeviceStatus } from '../contract/api.js';

/** Buttons 1–4 are the IKM answers (1 = worst, 4 = best); 5 is the optional back/help button. */
export type PanelButton = 1 | 2 | 3 | 4 | 5;

/** What the panel shows or sounds after a press, where the device supports it. */
export type PanelFeedback = { kind: 'accepted'; button: PanelButton } | { kind: 'refused' } | { kind: 'idle' };

/**
 * The port for the survey button panel. Drivers debounce: one physical press is one call.
 */
export interface ButtonPanel {
  onPress(listener: (button: PanelButton) => void): () => void;
  /** LED or beeper feedback; a panel without either ignores it. Never throws. */
  feedback(signal: PanelFeedback): void;
  status(): DeviceStatus;
  onStatusChange(listener: (status: DeviceStatus) => void): () => void;
  close(): Promise<void>;
}
