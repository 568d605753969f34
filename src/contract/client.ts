import {
  EnvelopeSchema,
  EventMessageSchema,
  events,
  isEventName,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './api.js';
import { KioskApiError } from './errors.js';

/** What a transport must do: carry one call, and deliver raw event messages. */
export interface KioskTransport {
  /** Resolves with the raw envelope the host answered; rejects only if nothing could be carried. */
  call(method: MethodName, input: unknown): Promise<unknown>;
  subscribe(listener: (message: unknown) => void): () => void;
}

/** The one interface every UI talks to; it does not know which transport it has. */
export interface KioskClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

export function createKioskClient(transport: KioskTransport): KioskClient {
  return {
    async call(method, input) {
      let raw: unknown;
      try {
        raw = await transport.call(method, input);
      } catch (cause) {
        throw new KioskApiError({
          code: 'unavailable',
          message: `host unreachable: ${cause instanceof Error ? cause.message : String(cause)}`,
        });
      }
      const envelope = EnvelopeSchema.safeParse(raw);
      if (!envelope.success) {
        throw new KioskApiError({ code: 'internal', message: 'host answered outside the contract' });
      }
      if (!envelope.data.ok) throw new KioskApiError(envelope.data.error);
      const output = methods[method].output.safeParse(envelope.data.value);
      if (!output.success) {
        throw new KioskApiError({ code: 'internal', message: `host answered ${method} outside the contract` });
      }
      return output.data as MethodOutput<typeof method>;
    },
    on(event, handler) {
      return transport.subscribe((raw) => {
        const message = EventMessageSchema.safeParse(raw);
        if (!message.success || message.data.event !== event || !isEventName(message.data.event)) return;
        const payload = events[event].safeParse(message.data.payload);
        // An event outside the contract is dropped rather than handed to UI code.
        if (payload.success) handler(payload.data as EventPayload<typeof event>);
      });
    },
  };
}
