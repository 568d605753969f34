import type { CentralStatus } from '../../../../src/contract/central.js';

/**
 * The words of the "Pusat" tab that depend on figures, apart from the component so they can be
 * checked under Node. The keys are listed here rather than taken from the staff catalogue's type,
 * which would pull the catalogue (and React) into the Node type check; passing the page's `t`
 * (which takes any catalogue key) still fails to compile if one of these is missing from it.
 */
type UnitKey = `central.unit.${'day' | 'days' | 'hour' | 'hours' | 'minute' | 'minutes' | 'second' | 'seconds'}`;
export type CentralWordKey =
  | `central.state.${'not_configured' | 'not_registered' | 'revoked' | 'sending' | 'backing_off' | 'backing_off_unscheduled' | 'idle_waiting' | 'idle_never' | 'idle_empty' | 'idle_sent'}`
  | `central.skew.${'unknown' | 'same' | 'ahead' | 'behind'}`
  | UnitKey;
type Translate = (key: CentralWordKey, params?: Record<string, string | number>) => string;

/** Beyond this the kiosk's clock is off enough to matter (event times, signed requests). */
export const CLOCK_SKEW_WARN_SECONDS = 120;

export type Tone = 'ok' | 'wait' | 'bad';

export interface Headline {
  key: CentralWordKey;
  params: Record<string, string | number>;
  tone: Tone;
}

/**
 * The forwarder's state in one sentence a technician can act on. The words claim no more than the
 * figures show: "everything sent" only when nothing waits, nothing is quarantined or held back, and
 * central has acknowledged at least once.
 */
export function centralHeadline(status: CentralStatus, formatTime: (iso: string) => string): Headline {
  switch (status.state) {
    case 'not_configured':
      return { key: 'central.state.not_configured', params: {}, tone: 'bad' };
    case 'not_registered':
      return { key: 'central.state.not_registered', params: {}, tone: 'bad' };
    case 'revoked':
      return { key: 'central.state.revoked', params: {}, tone: 'bad' };
    case 'sending':
      return { key: 'central.state.sending', params: { count: status.backlog }, tone: 'wait' };
    case 'backing_off':
      return status.nextAttemptAt === null
        ? { key: 'central.state.backing_off_unscheduled', params: {}, tone: 'bad' }
        : { key: 'central.state.backing_off', params: { time: formatTime(status.nextAttemptAt) }, tone: 'bad' };
    case 'idle':
      if (status.backlog > 0) return { key: 'central.state.idle_waiting', params: { count: status.backlog }, tone: 'wait' };
      if (status.lastSuccessAt === null) return { key: 'central.state.idle_never', params: {}, tone: 'wait' };
      if (status.poisoned > 0 || status.heldSurveyResponses > 0) return { key: 'central.state.idle_empty', params: {}, tone: 'wait' };
      return { key: 'central.state.idle_sent', params: {}, tone: 'ok' };
  }
}

/** A span as people say it: "3 hari 4 jam", "25 menit", "40 detik" — the two largest units. */
export function formatSpan(totalSeconds: number, t: Translate): string {
  const seconds = Math.max(0, Math.round(Math.abs(totalSeconds)));
  const unit = (count: number, one: UnitKey, many: UnitKey) => t(count === 1 ? one : many, { count });
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return hours > 0 ? `${unit(days, 'central.unit.day', 'central.unit.days')} ${unit(hours, 'central.unit.hour', 'central.unit.hours')}` : unit(days, 'central.unit.day', 'central.unit.days');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'central.unit.hour', 'central.unit.hours')} ${unit(minutes, 'central.unit.minute', 'central.unit.minutes')}` : unit(hours, 'central.unit.hour', 'central.unit.hours');
  if (minutes > 0) return unit(minutes, 'central.unit.minute', 'central.unit.minutes');
  return unit(seconds, 'central.unit.second', 'central.unit.seconds');
}

/** The kiosk's clock against central's (skew = kiosk − central), and whether it needs attention. */
export function describeSkew(skewSeconds: number | null, t: Translate): { text: string; warn: boolean } {
  if (skewSeconds === null) return { text: t('central.skew.unknown'), warn: false };
  const warn = Math.abs(skewSeconds) > CLOCK_SKEW_WARN_SECONDS;
  if (Math.round(skewSeconds) === 0) return { text: t('central.skew.same'), warn };
  const span = formatSpan(skewSeconds, t);
  return { text: t(skewSeconds > 0 ? 'central.skew.ahead' : 'central.skew.behind', { span }), warn };
}

/** K7QM4XPA, k7qm-4xpa, "K7QM 4XPA" → "K7QM-4XPA" as it is typed; anything else is dropped. */
export function formatPairingCode(typed: string): string {
  const characters = typed.toUpperCase().replace(/[^A-Z2-9]/g, '').slice(0, 8);
  return characters.length > 4 ? `${characters.slice(0, 4)}-${characters.slice(4)}` : characters;
}
