import { randomUUID } from 'node:crypto';
import type {
  DeviceConfig,
  DeviceKind,
  DevicePorts,
  DeviceStatus,
  MethodOutput,
  PrintOutcome,
  ScannerScanned,
} from '../../contract/api.js';
import type { ScanDestination } from '../../contract/deviceConfig.js';
import type { BarcodeScanner, ScanInput } from '../../devices/barcodeScanner.js';
import type { ButtonPanel, PanelButton } from '../../devices/buttonPanel.js';
import type { SimulatorControls } from '../../devices/simulatorControls.js';
import type { TicketPrinter } from '../../devices/ticketPrinter.js';
import { DomainError } from '../../domain/domainError.js';
import { parseSiapkerjaScan } from '../../domain/siapkerjaScan.js';
import { buildTicketSlip } from '../../domain/ticketSlip.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { deviceHistory } from '../../store/queueQueries.js';
import { enqueueOutbox } from '../../store/outboxQueries.js';
import { SYSTEM_CALLER, type Caller } from '../auth/caller.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import type { Logger } from '../logger.js';

/** The kiosk's devices as one composition root created them. Absent devices are null. */
export interface DeviceSet {
  printer: TicketPrinter;
  scanner: BarcodeScanner | null;
  buttons: ButtonPanel | null;
  simulators: SimulatorControls;
}

/**
 * What the run mode (Electron, headless, tests) supplies so the technician can change devices
 * without a restart: drivers built from a configuration, and the ports this machine has.
 */
export interface DeviceFactory {
  create(config: DeviceConfig, kinds: ReadonlySet<DeviceKind>): Partial<DeviceSet>;
  listPorts(): Promise<DevicePorts>;
}

export interface DeviceServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  devices: DeviceSet;
  factory?: DeviceFactory | undefined;
  /** Persists device settings (the configuration file); returns them as validated. */
  saveConfig?: ((sections: Partial<DeviceConfig>) => DeviceConfig) | undefined;
  events: EventBus;
  clock: () => Date;
  log: Logger;
  /** Writes an audit row inside the caller's transaction. */
  audit: (caller: Caller, action: string, detail?: Record<string, unknown>) => void;
  /** The counter the caller's officer holds now, for scans meant for one desk counter. */
  counterOf: (caller: Caller) => { deskId: number; counterNumber: number } | null;
}

/** The shape of a signed ticket reference (`KS1.<date>.<number>.<id>.<mac>`); its signature is checked on use. */
const TICKET_REFERENCE = /^KS1\.\d{8}\.[A-Z]-\d{3}\.\d{1,12}\.[A-Za-z0-9_-]{22}$/;

interface HeldScan {
  kind: 'siapkerja-id' | 'nik' | 'ticket';
  value: string;
  deliverTo: ScanDestination;
  expiresAt: number;
}

/** A scan waits this long for its screen to claim it; then the value is forgotten. */
const SCAN_HOLD_MS = 2 * 60_000;
const MAX_HELD_SCANS = 20;
const HISTORY_LIMIT = 100;

/**
 * The kiosk's devices as the rest of the host sees them: their health (pushed to every screen,
 * written to the audit trail and queued for the central API on each change), scans delivered to
 * the screen they are meant for, button presses, the technician's levers and settings.
 *
 * Personal data from a scan (a NIK, a SIAPkerja-ID) never travels in an event: screens get a
 * masked form and an id, and only the screen the scanner is assigned to may claim the value,
 * once, within two minutes. Nothing of it is written to disk here.
 */
export class DeviceService {
  readonly #deps: DeviceServiceDeps;
  #devices: DeviceSet;
  #config: DeviceConfig;
  readonly #unsubscribe: Array<() => void> = [];
  readonly #scans = new Map<string, HeldScan>();

  constructor(deps: DeviceServiceDeps) {
    this.#deps = deps;
    this.#devices = deps.devices;
    this.#config = { printer: deps.config.printer, scanner: deps.config.scanner, buttons: deps.config.buttons };
    this.#attach(this.#devices);
  }

  get printer(): TicketPrinter {
    return this.#devices.printer;
  }

  statuses(): DeviceStatus[] {
    const { printer, scanner, buttons } = this.#devices;
    return [printer.status(), ...(scanner ? [scanner.status()] : []), ...(buttons ? [buttons.status()] : [])];
  }

  overview(): MethodOutput<'devices.overview'> {
    const simulated = (Object.keys(this.#devices.simulators) as DeviceKind[]).filter((kind) => this.#devices.simulators[kind]);
    const history = deviceHistory(this.#deps.db, HISTORY_LIMIT).flatMap((row) => {
      const detail = row.detail ? (JSON.parse(row.detail) as { device?: DeviceKind; state?: DeviceStatus['state']; detail?: string }) : null;
      if (!detail?.device || !detail.state) return [];
      return [{ at: row.at, device: detail.device, state: detail.state, ...(detail.detail ? { detail: detail.detail } : {}) }];
    });
    return { devices: this.statuses(), config: this.#config, simulated, history };
  }

  async probe(kind: DeviceKind): Promise<DeviceStatus> {
    if (kind === 'printer') return this.#devices.printer.probe();
    const device = this.#devices[kind];
    if (!device) throw new DomainError('not_found', `no ${kind} is configured on this kiosk`);
    return device.status();
  }

  async testPrint(): Promise<PrintOutcome> {
    const { config, clock } = this.#deps;
    const slip = buildTicketSlip({
      siteName: config.siteName,
      ticketNumber: 'TES',
      deskName: 'Tes printer / Printer test',
      issuedAt: clock(),
      timeZone: config.timeZone,
      reference: 'KS1.TEST',
    });
    const result = await this.#devices.printer.print({ slip, name: 'test-print' });
    return result.status === 'failed' ? { status: 'failed', reason: result.reason, detail: result.detail } : result.status === 'unconfirmed' ? { status: 'unconfirmed', detail: result.detail } : { status: 'printed' };
  }

  simulate(input: { device: DeviceKind } & Record<string, unknown>): DeviceStatus {
    const { simulators } = this.#devices;
    switch (input.device) {
      case 'printer': {
        const controls = simulators.printer;
        if (!controls) throw new DomainError('conflict', 'the printer is not a simulator');
        if (typeof input.paper === 'string') controls.setPaper(input.paper as 'ok' | 'near-end' | 'out');
        if (typeof input.cover === 'string') controls.setCover(input.cover as 'closed' | 'open');
        if (typeof input.connected === 'boolean') controls.setConnected(input.connected);
        return this.#devices.printer.status();
      }
      case 'scanner': {
        const controls = simulators.scanner;
        if (!controls || !this.#devices.scanner) throw new DomainError('conflict', 'the scanner is not a simulator');
        if (typeof input.connected === 'boolean') controls.setConnected(input.connected);
        if (typeof input.scan === 'string') controls.scan(input.scan);
        return this.#devices.scanner.status();
      }
      case 'buttons': {
        const controls = simulators.buttons;
        if (!controls || !this.#devices.buttons) throw new DomainError('conflict', 'the button panel is not a simulator');
        if (typeof input.connected === 'boolean') controls.setConnected(input.connected);
        if (typeof input.press === 'number') controls.press(input.press as PanelButton);
        return this.#devices.buttons.status();
      }
    }
  }

  async ports(): Promise<DevicePorts> {
    if (!this.#deps.factory) return { serial: [], hid: [], usbPrinters: [], problems: ['this run mode cannot list ports'] };
    return this.#deps.factory.listPorts();
  }

  /**
   * Applies new device settings: saved first (validated with the whole file), then the changed
   * devices are rebuilt and the old ones closed. A printer job in flight finishes on the old driver.
   */
  async configure(sections: Partial<DeviceConfig>, caller: Caller): Promise<MethodOutput<'devices.overview'>> {
    const { factory, saveConfig, db } = this.#deps;
    if (!factory || !saveConfig) throw new DomainError('unavailable', 'devices cannot be reconfigured in this run mode');
    const kinds = new Set((Object.keys(sections) as DeviceKind[]).filter((kind) => sections[kind] !== undefined));
    if (kinds.size === 0) return this.overview();
    let saved: DeviceConfig;
    try {
      saved = saveConfig(sections);
    } catch (error) {
      throw new DomainError('invalid_input', (error as Error).message);
    }
    // The old devices go first: a USB printer or serial port opens exclusively, and two drivers on
    // one printer would interleave jobs. Closing waits for the old printer's queue (bounded by its
    // timeouts); a ticket issued meanwhile fails honestly and joins the reprint list.
    const old = this.#devices;
    await Promise.allSettled([...kinds].map((kind) => (kind === 'printer' ? old.printer.close() : old[kind]?.close())));
    const fresh = factory.create(saved, kinds);
    this.#detach();
    const next: DeviceSet = { ...old, simulators: { ...old.simulators } };
    for (const kind of kinds) {
      if (kind === 'printer' && fresh.printer) next.printer = fresh.printer;
      if (kind === 'scanner') next.scanner = fresh.scanner ?? null;
      if (kind === 'buttons') next.buttons = fresh.buttons ?? null;
      next.simulators[kind] = fresh.simulators?.[kind] as never;
    }
    this.#devices = next;
    this.#config = saved;
    this.#attach(next);
    db.transaction(() => this.#deps.audit(caller, 'devices.configured', { devices: [...kinds] })).immediate();
    for (const kind of kinds) this.#publishStatus(kind === 'printer' ? next.printer.status() : (next[kind]?.status() ?? null));
    return this.overview();
  }

  /** Gives the value of a scan to the screen it was meant for, once. */
  claimScan(scanId: string, caller: Caller): { kind: 'siapkerja-id' | 'nik' | 'ticket'; value: string } {
    this.#expireScans();
    const scan = this.#scans.get(scanId);
    if (!scan) throw new DomainError('not_found', 'this scan is no longer available; scan the card again');
    if (scan.deliverTo === 'kiosk') {
      // The kiosk machine's own screen only: a LAN station paired as a kiosk also holds the
      // `kiosk` role, and must not read the visitor's NIK scanned here.
      if (!caller.local) throw new DomainError('forbidden', 'this scan belongs to the kiosk screen');
    } else {
      const counter = this.#deps.counterOf(caller);
      if (!counter || counter.deskId !== scan.deliverTo.deskId || counter.counterNumber !== scan.deliverTo.counterNumber) {
        throw new DomainError('forbidden', `this scan belongs to desk ${scan.deliverTo.deskId} counter ${scan.deliverTo.counterNumber}`);
      }
    }
    this.#scans.delete(scanId);
    return { kind: scan.kind, value: scan.value };
  }

  async close(): Promise<void> {
    this.#detach();
    this.#scans.clear();
    const { printer, scanner, buttons } = this.#devices;
    await Promise.allSettled([printer.close(), scanner?.close(), buttons?.close()]);
  }

  #attach(devices: DeviceSet): void {
    this.#unsubscribe.push(devices.printer.onStatusChange((status) => this.#publishStatus(status)));
    if (devices.scanner) {
      this.#unsubscribe.push(devices.scanner.onStatusChange((status) => this.#publishStatus(status)));
      this.#unsubscribe.push(devices.scanner.onScan((scan) => this.#onScan(scan)));
    }
    if (devices.buttons) {
      const buttons = devices.buttons;
      this.#unsubscribe.push(buttons.onStatusChange((status) => this.#publishStatus(status)));
      this.#unsubscribe.push(
        buttons.onPress((button) => {
          // Until the survey consumes presses, the panel confirms each one so a technician
          // testing it sees the light follow the finger.
          buttons.feedback({ kind: 'accepted', button });
          this.#deps.events.emit('buttons.pressed', { button, at: this.#deps.clock().toISOString() });
        }),
      );
    }
  }

  #detach(): void {
    for (const stop of this.#unsubscribe.splice(0)) stop();
  }

  /** Each change of health goes to every screen, the audit trail and the outbox. */
  #publishStatus(status: DeviceStatus | null): void {
    if (!status) return;
    const { db, events, log, clock, audit } = this.#deps;
    events.emit('device.status', status);
    try {
      db.transaction(() => {
        audit(SYSTEM_CALLER, 'device.status', { device: status.id, state: status.state, driver: status.driver, ...(status.detail ? { detail: status.detail } : {}) });
        enqueueOutbox(db, 'device.status', { device: status.id, driver: status.driver, state: status.state, since: status.since }, clock().toISOString());
      }).immediate();
    } catch (error) {
      // A device event must never break the device; the live status above already went out.
      log.error('device status not recorded', { device: status.id, error: (error as Error).message });
    }
    log.info('device status', { device: status.id, state: status.state });
  }

  #onScan(input: ScanInput): void {
    const { events, clock, log } = this.#deps;
    const deliverTo = this.#config.scanner.kind === 'none' ? 'kiosk' : this.#config.scanner.deliverTo;
    const at = clock();
    const scanId = randomUUID();
    let message: ScannerScanned;
    if (!input.ok) {
      message = { scanId, at: at.toISOString(), deliverTo, result: { ok: false, code: 'scan_unreadable', problem: input.problem } };
    } else {
      // A ticket's QR held to the kiosk's scanner starts its survey: recognised before the
      // SIAPkerja-ID patterns, and kept as the credential it is (claimed like any scan).
      const ticketReference = TICKET_REFERENCE.test(input.text.trim()) ? { ok: true as const, kind: 'ticket' as const, value: input.text.trim(), masked: input.text.trim().split('.')[2]! } : null;
      const parsed = ticketReference ?? parseSiapkerjaScan(input.text, this.#deps.config.scanPatterns);
      if (parsed.ok) {
        this.#expireScans();
        while (this.#scans.size >= MAX_HELD_SCANS) this.#scans.delete(this.#scans.keys().next().value as string);
        this.#scans.set(scanId, { kind: parsed.kind, value: parsed.value, deliverTo, expiresAt: at.getTime() + SCAN_HOLD_MS });
        message = { scanId, at: at.toISOString(), deliverTo, result: { ok: true, kind: parsed.kind, masked: parsed.masked } };
      } else {
        message = { scanId, at: at.toISOString(), deliverTo, result: { ok: false, code: parsed.code, problem: parsed.problem } };
      }
    }
    // The log gets the outcome, never the scanned text.
    log.info('scan', { ok: message.result.ok, ...(message.result.ok ? { kind: message.result.kind } : { code: message.result.code }) });
    events.emit('scanner.scanned', message);
  }

  #expireScans(): void {
    const now = this.#deps.clock().getTime();
    for (const [id, scan] of this.#scans) if (scan.expiresAt <= now) this.#scans.delete(id);
  }
}
