import type { Envelope, MethodName } from '../../src/contract/api.js';
import type { UserType } from '../../src/contract/vocabulary.js';
import type { KioskHost } from '../../src/host/kioskHost.js';
import type { Logger } from '../../src/host/logger.js';
import { servicesForDesk } from '../../src/domain/serviceCatalogue.js';
import { serviceDateAt } from '../../src/domain/serviceDate.js';

/** Staff a demo day creates, with PINs a newcomer can type. Never used outside `--demo`. */
export const DEMO_STAFF = [
  { username: 'teknisi', name: 'Teknisi Demo', role: 'technician', pin: '123456' },
  { username: 'manajer', name: 'Manajer Demo', role: 'manager', pin: '123456' },
  { username: 'resepsionis', name: 'Resepsionis Demo', role: 'receptionist', pin: '123456' },
  { username: 'petugas', name: 'Petugas Demo', role: 'officer', pin: '123456' },
] as const;

/** Written into a demo day's data directory; see headless.ts. */
export const DEMO_MARKER = 'DEMO-DAY.txt';

const USER_TYPES: UserType[] = ['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat'];

export interface DemoDay {
  stop(): void;
}

/**
 * A busy service day on fast-forward: visitors take tickets at the kiosk (some of them priority),
 * one simulated officer per desk on counter 1 calls, serves and finishes them, now and then a
 * no-show, a transfer or a back-office referral. Counter 2 of every desk is left for a person
 * logging in as `petugas`. Everything goes through the same dispatch as real stations.
 */
export async function startDemoDay(host: KioskHost, log: Logger, options: { tickMs?: number } = {}): Promise<DemoDay> {
  const kiosk = { channel: 'kiosk' as const };
  const call = async (method: MethodName, input: unknown, session?: string): Promise<Envelope> =>
    host.dispatch(method, input, session ? { ...kiosk, sessionToken: session } : kiosk);
  const must = async <T>(method: MethodName, input: unknown, session?: string): Promise<T> => {
    const envelope = await call(method, input, session);
    if (!envelope.ok) throw new Error(`demo: ${method} failed: ${envelope.error.message}`);
    return envelope.value as T;
  };

  for (const staff of DEMO_STAFF) {
    await host.createStaff(staff).catch(() => undefined); // already there from an earlier demo
  }
  const technician = await must<{ sessionToken: string }>('auth.login', { username: 'teknisi', pin: '123456' });
  const info = await must<{ serviceDate: string }>('kiosk.info', {});
  await must('calendar.setOverride', { date: info.serviceDate, sessions: [{ start: '00:00', end: '23:59' }], note: 'Hari demo / demo day' }, technician.sessionToken);

  const { desks } = await must<{ desks: Array<{ id: number }> }>('desks.list', {});
  const officers: Array<{ deskId: number; session: string }> = [];
  for (const desk of desks) {
    const username = `demo-desk-${desk.id}`;
    await host.createStaff({ username, name: `Petugas Desk ${desk.id}`, role: 'officer', pin: '654321' }).catch(() => undefined);
    const login = await must<{ sessionToken: string }>('auth.login', { username, pin: '654321' });
    await call('counters.open', { deskId: desk.id, counterNumber: 1 }, login.sessionToken);
    officers.push({ deskId: desk.id, session: login.sessionToken });
  }

  const random = (n: number) => Math.floor(Math.random() * n);
  const tick = async () => {
    if (Math.random() < 0.6) {
      const deskId = desks[random(desks.length)]!.id;
      await call('tickets.issue', { deskId, priority: Math.random() < 0.15, userType: USER_TYPES[random(USER_TYPES.length)] });
    }
    const officer = officers[random(officers.length)]!;
    const me = await must<{ counter: { currentTicketId: number | null } | null }>('auth.whoami', {}, officer.session);
    const current = me.counter?.currentTicketId;
    if (!current) {
      await call('queue.callNext', {}, officer.session);
      return;
    }
    const snapshot = await must<{ tickets: Array<{ id: number; status: string; userType: UserType | null; deskId: number }> }>(
      'queue.snapshot',
      {},
      officer.session,
    );
    const ticket = snapshot.tickets.find((candidate) => candidate.id === current);
    if (!ticket) return;
    if (ticket.status === 'called') {
      await call(Math.random() < 0.1 ? 'queue.noShow' : 'queue.start', { ticketId: current }, officer.session);
      return;
    }
    const services = servicesForDesk(ticket.deskId, ticket.userType).slice(0, 1 + random(2)).map((service) => service.code);
    const roll = Math.random();
    if (roll < 0.06 && desks.length > 1) {
      const other = desks.find((desk) => desk.id !== ticket.deskId)!;
      await call('queue.transfer', { ticketId: current, toDeskId: other.id, note: 'demo' }, officer.session);
    } else if (roll < 0.12) {
      const userType = ticket.userType ?? 'pencari_kerja';
      await call(
        'queue.refer',
        {
          ticketId: current,
          services,
          referral: {
            userType,
            ...(userType === 'pemberi_kerja' ? { employerScope: 'provinsi' } : { level: 'dinas_kabupaten_kota' }),
            followUpDate: nextDay(info.serviceDate),
            followUpTime: '10:00',
            place: 'Ruang Back Office, lantai 2',
            whatsapp: '0812 0000 0000',
          },
        },
        officer.session,
      );
    } else {
      await call('queue.finish', { ticketId: current, services }, officer.session);
    }
  };

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick()
      .catch((error: unknown) => log.warn('demo step failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  }, options.tickMs ?? 1500);
  timer.unref();
  log.info('demo day running', { serviceDate: serviceDateAt(new Date(), host.config.timeZone) });
  return { stop: () => clearInterval(timer) };
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
