import { useEffect, useState } from 'react';
import type { CallAnnouncement, DisplayState, QueueChanged } from '../../../../src/contract/api.js';
import { Announcer } from '../../display/announcer.js';
import { translate, type MessageKey } from '../../i18n/i18n.js';
import { formatSessions, serviceSentence, zoneLabel } from '../../serviceState.js';
import { createRevisionedFeed, useNow } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { staffText, type StaffKey } from '../staffI18n.js';
import './display.css';

const LAST_CALLS = 6;
/** How long a fresh call stays highlighted. */
const HIGHLIGHT_MS = 12_000;
/** Service state (open → break → closed) changes with the clock, not with events. */
const STATE_REFRESH_MS = 60_000;

/** Both languages at once: the waiting room is read by everyone. */
function Both({ k, params }: { k: StaffKey; params?: Record<string, string | number> }) {
  return (
    <>
      <span className="lang-id">{staffText('id', k, params)}</span>
      <span className="lang-en">{staffText('en', k, params)}</span>
    </>
  );
}

interface LastAnnouncement {
  call: CallAnnouncement;
  played: 'pending' | 'true' | 'false';
}

type ServingEntry = DisplayState['nowServing'][number];

/**
 * Applies an in-order queue batch to the display: counters' states and the number at each counter.
 * Returns undefined when a counter holds a ticket whose number this page does not know (then resync).
 */
function applyToDisplay(state: DisplayState, change: QueueChanged, numbers: Map<number, string>): DisplayState | undefined {
  const serving = new Map<string, ServingEntry>(state.nowServing.map((entry) => [`${entry.deskId}/${entry.counterNumber}`, entry]));
  const atCounter = new Map<number, boolean>();
  for (const ticket of change.tickets) {
    numbers.set(ticket.id, ticket.number);
    atCounter.set(ticket.id, ticket.status === 'called' || ticket.status === 'serving');
  }
  for (const counter of change.counters) {
    const key = `${counter.deskId}/${counter.counterNumber}`;
    if (counter.state === 'closed') {
      serving.delete(key);
      continue;
    }
    let number: string | null = null;
    if (counter.currentTicketId !== null && atCounter.get(counter.currentTicketId) !== false) {
      const known = numbers.get(counter.currentTicketId);
      if (known === undefined) return undefined;
      number = known;
    }
    serving.set(key, { deskId: counter.deskId, counterNumber: counter.counterNumber, number, state: counter.state });
  }
  return { ...state, revision: change.revision, nowServing: [...serving.values()] };
}

/** The waiting-room TV (1920×1080): now serving per counter, the last calls, the voice. */
export default function DisplayPage() {
  const { client, session } = useStation();
  const [state, setState] = useState<DisplayState>();
  const [failed, setFailed] = useState(false);
  const [highlight, setHighlight] = useState<{ ticketId: number; calledAt: string }>();
  const [last, setLast] = useState<LastAnnouncement>();
  const [soundAllowed, setSoundAllowed] = useState(false);
  const [announcer] = useState(() => new Announcer({ baseUrl: '' }));
  const now = useNow(1000);

  useEffect(() => {
    const numbers = new Map<number, string>();
    const created = createRevisionedFeed<DisplayState>({
      load: async () => {
        const fresh = await client.call('display.state', {});
        for (const call of fresh.lastCalls) numbers.set(call.ticketId, call.number);
        return fresh;
      },
      apply: (state, change) => applyToDisplay(state, change, numbers),
      subscribe: (listener) => client.on('queue.changed', listener),
      onConnection: (listener) => session.transport.onConnection(listener),
      onState: (next) => {
        setFailed(false);
        setState(next);
      },
      onError: () => setFailed(true),
    });
    const offCalled = client.on('queue.called', (call) => {
      numbers.set(call.ticketId, call.number);
      const current = created.current();
      if (current) {
        const others = current.lastCalls.filter((other) => !(other.ticketId === call.ticketId && other.calledAt === call.calledAt));
        const here = (entry: ServingEntry) => entry.deskId === call.deskId && entry.counterNumber === call.counterNumber;
        const nowServing = current.nowServing.some(here)
          ? current.nowServing.map((entry) => (here(entry) ? { ...entry, number: call.number } : entry))
          : [...current.nowServing, { deskId: call.deskId, counterNumber: call.counterNumber, number: call.number, state: 'open' as const }];
        created.replace({ ...current, lastCalls: [call, ...others].slice(0, LAST_CALLS), nowServing });
      }
      setHighlight({ ticketId: call.ticketId, calledAt: call.calledAt });
      setLast({ call, played: 'pending' });
      announcer.announce(call.clips);
    });
    // The service state (open → break → closed) follows the clock, not events.
    const refresh = setInterval(() => created.resync(), STATE_REFRESH_MS);
    return () => {
      clearInterval(refresh);
      offCalled();
      created.dispose();
    };
  }, [client, session, announcer]);

  useEffect(() => {
    const offAnnouncement = announcer.onAnnouncement((entry) => {
      setLast((current) => (current && current.call.clips.join(' ') === entry.clips.join(' ') ? { ...current, played: entry.played ? 'true' : 'false' } : current));
    });
    return () => {
      offAnnouncement();
    };
  }, [announcer]);

  // The browser may suspend audio again (device change, power saving): then the banner returns.
  useEffect(() => {
    const timer = setInterval(() => setSoundAllowed(announcer.soundAllowed), 5000);
    return () => clearInterval(timer);
  }, [announcer]);

  useEffect(() => () => announcer.dispose(), [announcer]);

  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(undefined), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  const unlock = () => {
    if (announcer.soundAllowed) return;
    void announcer.unlock().then(setSoundAllowed);
  };

  const timeZone = state?.timeZone ?? 'Asia/Jakarta';
  const clock = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  const dateId = new Intl.DateTimeFormat('id-ID', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now);
  const serving = [...(state?.nowServing ?? [])].sort((a, b) => a.deskId - b.deskId || a.counterNumber - b.counterNumber);
  const highlightedNumber = highlight ? state?.lastCalls.find((call) => call.ticketId === highlight.ticketId)?.number : undefined;

  return (
    <div className="display" onPointerDown={unlock} onKeyDown={unlock} data-testid="display" data-sound={soundAllowed ? 'on' : 'off'}>
      <header className="display-header">
        <div className="display-brand">
          <div className="brand-mark" aria-hidden="true">
            SK
          </div>
          <div>
            <h1>Kios SIAPkerja</h1>
            <p>{state?.siteName ?? ''}</p>
          </div>
        </div>
        {state && (
          <div className={`display-service ${state.service.state}`} data-testid="display-service" data-state={state.service.state}>
            <strong>
              <span className="lang-id">{serviceSentence(state.service, timeZone, 'id', now)}</span>
              <span className="lang-en">{serviceSentence(state.service, timeZone, 'en', now)}</span>
            </strong>
            <span>
              {translate('id', 'service.todayHours')}: {formatSessions(state.service, 'id')}
              {state.service.today.length > 0 ? ` ${zoneLabel(timeZone)}` : ''}
            </span>
          </div>
        )}
        <div className="display-clock" data-testid="display-clock">
          <span className="display-time">
            {clock} <small>{zoneLabel(timeZone)}</small>
          </span>
          <span className="display-date">{dateId}</span>
        </div>
      </header>

      {!soundAllowed && (
        <button type="button" className="sound-banner" data-testid="sound-banner" onClick={unlock}>
          <Both k="display.tapForSound" />
        </button>
      )}
      <main className="display-main">
        <section className="now-serving" aria-labelledby="now-serving-heading">
          <h2 id="now-serving-heading">
            <Both k="display.nowServing" />
          </h2>
          {failed && !state ? (
            <p className="display-empty">
              <Both k="display.unreachable" />
            </p>
          ) : serving.length === 0 ? (
            <p className="display-empty" data-testid="no-counters">
              <Both k="display.noCounters" />
            </p>
          ) : (
            <ul className={`serving-grid ${serving.length <= 2 ? 'few' : serving.length > 8 ? 'many' : ''}`}>
              {serving.map((entry) => {
                const hot = entry.number !== null && entry.number === highlightedNumber;
                return (
                  <li
                    key={`${entry.deskId}/${entry.counterNumber}`}
                    className={`serving-card ${entry.state} ${hot ? 'highlight' : ''}`}
                    data-testid="serving-card"
                    data-desk={entry.deskId}
                    data-counter={entry.counterNumber}
                    data-number={entry.number ?? ''}
                  >
                    <span className={`serving-number ${entry.number === null || entry.state === 'paused' ? 'empty' : ''}`}>{entry.state === 'paused' || entry.number === null ? '—' : entry.number}</span>
                    <span className="serving-where">
                      <span className="serving-counter">
                        <Both k="display.counter" params={{ counter: entry.counterNumber }} />
                      </span>
                      <span className="serving-desk">{translate('id', `desk.${entry.deskId}.name` as MessageKey)}</span>
                      {entry.state === 'paused' && (
                        <span className="serving-paused">
                          <Both k="display.paused" />
                        </span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <aside className="last-calls" aria-labelledby="last-calls-heading">
          <h2 id="last-calls-heading">
            <Both k="display.lastCalls" />
          </h2>
          <ol>
            {(state?.lastCalls ?? []).slice(0, LAST_CALLS).map((call, index) => (
              <li
                key={`${call.ticketId}-${call.calledAt}`}
                className={`last-call ${highlight && highlight.ticketId === call.ticketId && highlight.calledAt === call.calledAt ? 'highlight' : ''} ${index === 0 ? 'newest' : ''}`}
                data-testid="last-call"
                data-number={call.number}
              >
                <span className="last-number">{call.number}</span>
                <span className="last-where">
                  <span>{translate('id', `desk.${call.deskId}.name` as MessageKey)}</span>
                  <strong>
                    {staffText('id', 'display.counter', { counter: call.counterNumber })}
                    {call.recall ? ` · ${staffText('id', 'display.recall')}` : ''}
                  </strong>
                </span>
              </li>
            ))}
          </ol>
        </aside>
      </main>

      <div
        className="last-announcement"
        data-testid="last-announcement"
        data-clips={last ? last.call.clips.join(' ') : ''}
        data-played={last?.played ?? ''}
        data-number={last?.call.number ?? ''}
        aria-live="polite"
      >
        {last ? last.call.text : ''}
      </div>

      <footer className="marquee" aria-label={staffText('id', 'display.runningText')}>
        <div className="marquee-track">
          <span className="marquee-text" data-testid="running-text">
            {state?.runningText ?? ''}
          </span>
          <span className="marquee-text copy" aria-hidden="true">
            {state?.runningText ?? ''}
          </span>
        </div>
      </footer>
    </div>
  );
}
