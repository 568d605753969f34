import type { Server, Socket } from 'node:net';
import type { Logger } from '../host/logger.js';
import { normalizeAddress } from './callerCredentials.js';

export interface ConnectionGuardOptions {
  maxPerAddress: number;
  /** Across every address that is not exempt. */
  maxTotal: number;
  /** The kiosk's own screen: never counted, never refused. */
  isExempt(address: string): boolean;
  log: Logger;
}

export interface ConnectionGuard {
  /** Connections held now (exempt ones are not counted), and how many were refused so far. */
  stats(): { open: number; refused: number; addresses: number };
  stop(): void;
}

/** Refusals are logged at most this often, so a flood cannot flood the log too. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;

/**
 * Caps TCP connections before any byte is parsed: per remote address, and in total for everyone
 * but the kiosk itself. Every idle socket costs a file descriptor; without a cap, thousands of
 * silent LAN sockets exhausted the process's file limit and the kiosk screen's own requests failed
 * with ECONNRESET. A socket over a cap is destroyed at once, unanswered.
 */
export function guardConnections(server: Server, options: ConnectionGuardOptions): ConnectionGuard {
  const { maxPerAddress, maxTotal, isExempt, log } = options;
  const perAddress = new Map<string, number>();
  let open = 0;
  let refused = 0;
  let refusedSinceLog = 0;
  let lastLogAt = 0;

  const onConnection = (socket: Socket) => {
    const address = normalizeAddress(socket.remoteAddress);
    // An address is missing when the peer already went away; nothing to keep.
    if (!address) {
      socket.destroy();
      return;
    }
    if (isExempt(address)) return;
    const held = perAddress.get(address) ?? 0;
    if (held >= maxPerAddress || open >= maxTotal) {
      refused += 1;
      refusedSinceLog += 1;
      socket.destroy();
      const now = Date.now();
      if (now - lastLogAt >= REFUSAL_LOG_INTERVAL_MS) {
        log.warn('LAN connections refused: over the connection cap', {
          refused: refusedSinceLog,
          address,
          fromAddress: held,
          open,
        });
        lastLogAt = now;
        refusedSinceLog = 0;
      }
      return;
    }
    perAddress.set(address, held + 1);
    open += 1;
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  };

  server.on('connection', onConnection);
  return {
    stats: () => ({ open, refused, addresses: perAddress.size }),
    stop: () => {
      server.off('connection', onConnection);
    },
  };
}
