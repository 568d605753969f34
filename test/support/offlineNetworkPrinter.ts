import type { PrinterTransport } from '../../drivers/printer/printerTransport.js';

export const OFFLINE_PRINTER_ADDRESS = '10.1.2.3:9100';

/** A network printer that is switched off: every job is refused with its address in the reason. */
export function offlineNetworkPrinter(): PrinterTransport {
  return {
    kind: 'tcp',
    target: OFFLINE_PRINTER_ADDRESS,
    send: async () => {
      throw new Error(`printer ${OFFLINE_PRINTER_ADDRESS}: ECONNREFUSED`);
    },
    close: async () => {},
  };
}
