import type { EventMessage, EventName, EventPayload } from '../contract/api.js';

export type EventListener = (message: EventMessage) => void;

/** Fan-out of host events to every transport (IPC window, LAN WebSocket clients). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message: EventMessage = { event, payload };
    for (const listener of this.#listeners) {
      try {
        listener(message);
      } catch {
        // One broken subscriber (a closed socket, a destroyed window) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
