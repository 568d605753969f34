import { PrinterTransportError, type PrinterTransport } from '../../drivers/printer/printerTransport.js';

export const OFFLINE_PRINTER_ADDRESS = '10.1.2.3:9100';

/**
 * A network printer that is switched off: every connection is refused with its address in the
 * reason, as TcpPrinterTransport reports it. (A real connect to 10.1.2.3 would wait for the
 * network's timeout instead of being refused, which is what these tests are not about.)
 */
export function offlineNetworkPrinter(): PrinterTransport {
  return {
    kind: 'tcp',
    target: OFFLINE_PRINTER_ADDRESS,
    connect: async () => {
      throw new PrinterTransportError('offline', `cannot reach the printer at ${OFFLINE_PRINTER_ADDRESS}: connect ECONNREFUSED ${OFFLINE_PRINTER_ADDRESS}`);
    },
    close: async () => {},
  };
}
