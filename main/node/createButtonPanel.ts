import type { ButtonPanel } from '../../src/devices/buttonPanel.js';
import type { ButtonPanelSimulatorControls } from '../../src/devices/simulatorControls.js';
import type { KeyFeed } from '../../src/domain/keyboardWedgeDetector.js';
import type { ButtonPanelConfig } from '../../src/host/kioskConfig.js';
import { HidButtonPanel } from '../../drivers/buttonPanel/hidButtonPanel.js';
import { KeyboardButtonPanel } from '../../drivers/buttonPanel/keyboardButtonPanel.js';
import { SerialButtonPanel } from '../../drivers/buttonPanel/serialButtonPanel.js';
import { SimulatedButtonPanel } from '../../drivers/buttonPanel/simulatedButtonPanel.js';
import { nodeHidHost } from '../../drivers/hid/hidDevice.js';
import type { DeviceFactoryOptions } from './createScanner.js';

export interface CreatedButtonPanel {
  panel: ButtonPanel;
  /** Present for the simulator: the technician's levers. */
  simulator?: ButtonPanelSimulatorControls;
  /** Present for a keyboard panel: the window that owns the keyboard feeds it every key down. */
  feedKey?: KeyFeed;
}

/** Device wiring shared by both run modes: button panel configuration in, a driver out (or none). */
export function createButtonPanel(config: ButtonPanelConfig, options: DeviceFactoryOptions = {}): CreatedButtonPanel | null {
  const log = options.log;
  switch (config.kind) {
    case 'none':
      return null;
    case 'simulator': {
      const panel = new SimulatedButtonPanel(log ? { log } : {});
      return { panel, simulator: panel };
    }
    case 'serial':
      return { panel: new SerialButtonPanel({ path: config.path, baudRate: config.baudRate, ...(log ? { log } : {}) }) };
    case 'hid':
      return { panel: new HidButtonPanel({ vendorId: config.vendorId, productId: config.productId, host: options.hid ?? nodeHidHost, ...(log ? { log } : {}) }) };
    case 'keyboard': {
      const panel = new KeyboardButtonPanel({ keys: config.keys, ...(log ? { log } : {}) });
      return { panel, feedKey: (key, timestampMs, flags) => panel.feedKey(key, timestampMs, flags) };
    }
  }
}
