import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceStatus, Envelope } from '../contract/api.js';
import type { TicketPrinter } from '../devices/ticketPrinter.js';
import { serviceDateAt } from '../domain/serviceDate.js';
import { openKioskDatabase } from '../store/kioskDatabase.js';
import { outboxBacklog } from '../store/ticketQueries.js';
import { APP_VERSION } from '../version.js';
import { createDispatcher, type CallContext, type Handlers } from './dispatcher.js';
import { EventBus } from './eventBus.js';
import type { KioskConfig } from './kioskConfig.js';
import { silentLogger, type Logger } from './logger.js';
import { TicketService } from './ticketService.js';

export const DATABASE_FILE_NAME = 'kiosk.sqlite';

export interface KioskHostOptions {
  dataDir: string;
  config: KioskConfig;
  printer: TicketPrinter;
  clock?: () => Date;
  log?: Logger;
}

export interface HostHealth {
  status: 'ok' | 'degraded';
  version: string;
  database: { ok: boolean; schemaVersion: number; error?: string };
  devices: DeviceStatus[];
  sync: { backlog: number };
  uptimeSeconds: number;
}

export interface KioskHost {
  readonly config: KioskConfig;
  readonly events: EventBus;
  dispatch(method: string, input: unknown, context: CallContext): Promise<Envelope>;
  health(): HostHealth;
  /** Stops taking calls, waits for those in flight, then closes devices and the database. */
  close(): Promise<void>;
}

/**
 * The kiosk's behaviour, composed once and shared by every run mode: the Electron main process
 * and the headless Node host both create exactly this, and put transports in front of it.
 */
export function createKioskHost(options: KioskHostOptions): KioskHost {
  const { dataDir, config, printer } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? silentLogger;
  const startedAt = Date.now();

  mkdirSync(dataDir, { recursive: true });
  const { db, schemaVersion } = openKioskDatabase(join(dataDir, DATABASE_FILE_NAME));
  const events = new EventBus();
  const tickets = new TicketService({ db, config, printer, events, clock, log });
  // Stations (receptionist, technician) learn of a jam or a recovery as it happens.
  const stopPrinterEvents = printer.onStatusChange((status) => events.emit('device.status', status));

  const handlers: Handlers = {
    'kiosk.info': () => ({
      siteName: config.siteName,
      kioskType: config.kioskType,
      timeZone: config.timeZone,
      serviceDate: serviceDateAt(clock(), config.timeZone),
      version: APP_VERSION,
    }),
    'desks.list': () => ({
      desks: tickets.enabledDesks().map(({ id, letter, name }) => ({ id, letter, name })),
    }),
    'tickets.issue': (input, context) => tickets.issue(input.deskId, context.channel),
  };
  const dispatchCall = createDispatcher(handlers, log);

  const inFlight = new Set<Promise<Envelope>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  return {
    config,
    events,
    dispatch(method, input, context) {
      if (closing) {
        return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'kiosk is shutting down' } });
      }
      const call = dispatchCall(method, input, context).finally(() => inFlight.delete(call));
      inFlight.add(call);
      return call;
    },
    health() {
      let database: HostHealth['database'];
      let backlog = 0;
      try {
        db.prepare('SELECT 1').get();
        backlog = outboxBacklog(db);
        database = { ok: true, schemaVersion };
      } catch (error) {
        database = { ok: false, schemaVersion, error: (error as Error).message };
      }
      const devices = [printer.status()];
      const healthy = database.ok && devices.every((device) => device.state !== 'error');
      return {
        status: healthy ? 'ok' : 'degraded',
        version: APP_VERSION,
        database,
        devices,
        sync: { backlog },
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
    close() {
      closed ??= (async () => {
        closing = true;
        await Promise.allSettled([...inFlight]);
        stopPrinterEvents();
        await printer.close();
        db.close();
      })();
      return closed;
    },
  };
}
