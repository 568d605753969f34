import type { WebSocket } from '@fastify/websocket';
import type { EventMessage } from '../contract/api.js';
import { stationJson } from './stationView.js';

/** Who receives an event: the kiosk machine itself (with technician detail) or a station. */
export type EventAudience = 'local' | 'station';

export interface EventSource {
  subscribe(listener: (message: EventMessage) => void): () => void;
}

/**
 * One subscription to the host's events for every events socket. Each event is serialised once
 * per audience — once with technician detail, once without — and the same bytes go to every
 * socket of that audience. Serialising per socket made 5 000 idle listeners raise the kiosk's own
 * ticket latency from 12 to 152 ms, because the host emits inside the issuing call.
 */
export class EventFanOut {
  readonly #sockets: Record<EventAudience, Set<WebSocket>> = { local: new Set(), station: new Set() };
  readonly #maxBufferedBytes: number;
  readonly #unsubscribe: () => void;

  constructor(source: EventSource, maxBufferedBytes: number) {
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#unsubscribe = source.subscribe((message) => this.#publish(message));
  }

  /** Starts sending events to `socket`; it is dropped from the fan-out when it closes. */
  add(socket: WebSocket, audience: EventAudience): void {
    const sockets = this.#sockets[audience];
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  }

  get size(): number {
    return this.#sockets.local.size + this.#sockets.station.size;
  }

  close(): void {
    this.#unsubscribe();
    this.#sockets.local.clear();
    this.#sockets.station.clear();
  }

  #publish(message: EventMessage): void {
    // A Buffer rather than a string: ws would otherwise encode the text again for every socket.
    if (this.#sockets.local.size > 0) this.#send(this.#sockets.local, Buffer.from(JSON.stringify(message)));
    if (this.#sockets.station.size > 0) this.#send(this.#sockets.station, Buffer.from(stationJson(message)));
  }

  #send(sockets: Set<WebSocket>, frame: Buffer): void {
    for (const socket of sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      // A station that cannot keep up is dropped rather than buffered without limit.
      if (socket.bufferedAmount > this.#maxBufferedBytes) {
        socket.terminate();
        continue;
      }
      socket.send(frame, { binary: false });
    }
  }
}
