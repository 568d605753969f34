import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterView, QueueChanged, QueueSnapshot, TicketView } from '../../../src/contract/api.js';
import type { ConnectionState } from '../transport/httpTransport.js';
import { useStation } from './stationContext.js';

export function useConnectionState(): ConnectionState {
  const { session } = useStation();
  const [state, setState] = useState<ConnectionState>(session.transport.connectionState);
  useEffect(() => {
    return session.transport.onConnection(setState);
  }, [session]);
  return state;
}

export { useNow } from '../components/useNow.js';

/** Is `change` the next batch after what we hold? Older ones are dropped; a gap or new epoch means resync. */
export type Continuity = 'next' | 'stale' | 'gap';

export function continuity(held: { epoch: string; revision: number }, change: { epoch: string; revision: number }): Continuity {
  if (change.epoch !== held.epoch) return 'gap';
  if (change.revision <= held.revision) return 'stale';
  return change.revision === held.revision + 1 ? 'next' : 'gap';
}

function counterKey(counter: Pick<CounterView, 'deskId' | 'counterNumber'>): string {
  return `${counter.deskId}/${counter.counterNumber}`;
}

/** Applies one in-order batch to a snapshot: tickets and counters replaced by id, revision advanced. */
export function applyQueueChange(snapshot: QueueSnapshot, change: QueueChanged): QueueSnapshot {
  const tickets = new Map<number, TicketView>(snapshot.tickets.map((ticket) => [ticket.id, ticket]));
  for (const ticket of change.tickets) tickets.set(ticket.id, ticket);
  const counters = new Map<string, CounterView>(snapshot.counters.map((counter) => [counterKey(counter), counter]));
  for (const counter of change.counters) counters.set(counterKey(counter), counter);
  return {
    ...snapshot,
    revision: change.revision,
    tickets: [...tickets.values()],
    counters: [...counters.values()],
  };
}

export interface QueueState {
  snapshot: QueueSnapshot | undefined;
  error: unknown;
  /** Takes a new snapshot now. */
  resync(): void;
}

interface Revisioned {
  epoch: string;
  revision: number;
}

export interface RevisionedFeedOptions<S extends Revisioned> {
  load(): Promise<S>;
  /** Applies the next in-order batch; undefined means "cannot, take a snapshot". */
  apply(state: S, change: QueueChanged): S | undefined;
  subscribe(listener: (change: QueueChanged) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  onState(state: S): void;
  onError(error: unknown): void;
}

export interface RevisionedFeed<S> {
  resync(): void;
  /** The state held now (for events that are not revisioned, such as queue.called). */
  current(): S | undefined;
  /** Replaces the held state after a local, non-revisioned change. */
  replace(state: S): void;
  dispose(): void;
}

/**
 * A snapshot followed by `queue.changed` batches in revision order. A gap, a new epoch, or a
 * reconnect of the events socket (events sent meanwhile are not replayed) means a fresh snapshot;
 * batches arriving while it loads are held and applied after it when they are newer.
 */
export function createRevisionedFeed<S extends Revisioned>(options: RevisionedFeedOptions<S>): RevisionedFeed<S> {
  let held: S | undefined;
  let loading = false;
  let again = false;
  let disposed = false;
  let buffered: QueueChanged[] = [];

  const commit = (next: S) => {
    held = next;
    options.onState(next);
  };

  const resync = () => {
    if (disposed) return;
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    buffered = [];
    options.load().then(
      (fresh) => {
        loading = false;
        if (disposed) return;
        let next: S | undefined = fresh;
        for (const change of buffered) {
          const step = continuity(next, change);
          if (step === 'stale') continue;
          next = step === 'next' ? options.apply(next, change) : undefined;
          if (!next) break;
        }
        buffered = [];
        commit(next ?? fresh);
        if (!next || again) {
          again = false;
          resync();
        }
      },
      (error: unknown) => {
        loading = false;
        again = false;
        if (!disposed) options.onError(error);
      },
    );
  };

  const offChanged = options.subscribe((change) => {
    if (loading) {
      buffered.push(change);
      return;
    }
    if (!held) return;
    const step = continuity(held, change);
    if (step === 'stale') return;
    const next = step === 'next' ? options.apply(held, change) : undefined;
    if (next) commit(next);
    else resync();
  });
  // Every (re)connect: whatever happened while the socket was down is only in a new snapshot.
  const offConnection = options.onConnection((state) => {
    if (state === 'open') resync();
  });
  resync();

  return {
    resync,
    current: () => held,
    replace: commit,
    dispose() {
      disposed = true;
      offChanged();
      offConnection();
    },
  };
}

/** Figures in the snapshot are only exact at snapshot time; refresh them at most this often while the queue moves. */
const FIGURES_REFRESH_MS = 15_000;

/** The day's queue as this station sees it, kept current by `queue.changed` (see createRevisionedFeed). */
export function useQueueSnapshot(options: { refreshFigures?: boolean } = {}): QueueState {
  const { client, session } = useStation();
  const [snapshot, setSnapshot] = useState<QueueSnapshot>();
  const [error, setError] = useState<unknown>();
  const feed = useRef<RevisionedFeed<QueueSnapshot> | undefined>(undefined);
  const refreshFigures = options.refreshFigures ?? false;

  useEffect(() => {
    let figuresTimer: ReturnType<typeof setTimeout> | undefined;
    const created = createRevisionedFeed<QueueSnapshot>({
      load: () => client.call('queue.snapshot', {}),
      apply: (state, change) => {
        if (refreshFigures && figuresTimer === undefined) {
          figuresTimer = setTimeout(() => {
            figuresTimer = undefined;
            created.resync();
          }, FIGURES_REFRESH_MS);
        }
        return applyQueueChange(state, change);
      },
      subscribe: (listener) => client.on('queue.changed', listener),
      onConnection: (listener) => session.transport.onConnection(listener),
      onState: (state) => {
        setError(undefined);
        setSnapshot(state);
      },
      onError: setError,
    });
    feed.current = created;
    return () => {
      clearTimeout(figuresTimer);
      created.dispose();
      feed.current = undefined;
    };
  }, [client, session, refreshFigures]);

  const resync = useCallback(() => feed.current?.resync(), []);
  return { snapshot, error, resync };
}

/** Minutes since an instant, rounded down, never negative. */
export function minutesSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
}

/** Order of a desk's waiting line as the call policy mostly takes it: priority first, then by queue time. */
export function waitingLine(tickets: readonly TicketView[], deskId: number): TicketView[] {
  return tickets
    .filter((ticket) => ticket.deskId === deskId && ticket.status === 'waiting')
    .sort((a, b) => Number(b.priority) - Number(a.priority) || a.queuedAt.localeCompare(b.queuedAt));
}

/** A page's own action: runs it, reports failure in the page's language, and tells whether it worked. */
export function useAction(): {
  busy: string | undefined;
  error: unknown;
  clearError(): void;
  run<T>(name: string, action: () => Promise<T>): Promise<T | undefined>;
} {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const run = useCallback(async <T,>(name: string, action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(name);
    setError(undefined);
    try {
      return await action();
    } catch (cause) {
      setError(cause);
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, clearError, run };
}
