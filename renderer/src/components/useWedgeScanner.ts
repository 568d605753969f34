import { useEffect, useRef } from 'react';
import { KeyboardWedgeDetector } from '../../../src/domain/keyboardWedgeDetector.js';

/** A scanner types a code faster than this between keys; a person never does for long. */
const MAX_KEY_GAP_MS = 35;

/**
 * A keyboard-wedge scanner on a browser station (a desk PC, a survey station), caught wherever the focus is: the
 * officer may have tapped a checkbox or a button when the visitor holds out the card. Keys are
 * told apart by timing (`KeyboardWedgeDetector`); once a burst is certainly a scan, its remaining
 * keys are kept from the page, and the whole code is handed to `onScan`. Keys typed into a text
 * field are left alone: the field is where a person types, and the scan field takes Enter itself.
 */
export function useWedgeScanner(onScan: (text: string) => void, enabled: boolean): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    const detector = new KeyboardWedgeDetector({ maxKeyGapMs: MAX_KEY_GAP_MS, suffix: '\r' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deliver = (scan: { ok: boolean; text?: string } | null) => {
      if (scan?.ok && scan.text) handler.current(scan.text);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const result = detector.feed(event.key, event.timeStamp, { repeat: event.repeat, modified: event.ctrlKey || event.altKey || event.metaKey });
      if (result.consumed) event.preventDefault();
      deliver(result.scan);
      // A scanner without a suffix ends with a quiet gap: look again once it has passed.
      clearTimeout(timer);
      timer = setTimeout(() => deliver(detector.flush(performance.now())), MAX_KEY_GAP_MS * 4);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown, true);
    };
  }, [enabled]);
}
