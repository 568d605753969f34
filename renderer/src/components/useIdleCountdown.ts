import { useEffect, useState, type RefObject } from 'react';
import type { KioskClient } from '../../../src/contract/client.js';

interface IdleCountdownOptions {
  /** Only screens that hold a visitor's choices count down. */
  active: boolean;
  idleMs: number;
  /** The last part of `idleMs`, shown as a countdown the visitor can stop by touching. */
  warnMs: number;
  /** When the screen was last touched (pointer or key), kept by the caller. */
  lastTouch: RefObject<number>;
  client: KioskClient;
  onTimeout(): void;
}

/**
 * Seconds left before the visitor screen forgets its visitor, while the countdown is showing;
 * undefined otherwise. A touch, a key or a press on the survey button panel starts the wait again.
 */
export function useIdleCountdown({ active, idleMs, warnMs, lastTouch, client, onTimeout }: IdleCountdownOptions): number | undefined {
  const [left, setLeft] = useState<number>();
  useEffect(() => {
    if (!active) return;
    const activatedAt = Date.now();
    const offButtons = client.on('buttons.pressed', () => {
      lastTouch.current = Date.now();
    });
    const tick = () => {
      const remaining = idleMs - (Date.now() - Math.max(lastTouch.current, activatedAt));
      if (remaining <= 0) {
        setLeft(undefined);
        onTimeout();
        return;
      }
      setLeft(remaining <= warnMs ? Math.ceil(remaining / 1000) : undefined);
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => {
      clearInterval(timer);
      offButtons();
    };
  }, [active, idleMs, warnMs, lastTouch, client, onTimeout]);
  return active ? left : undefined;
}
