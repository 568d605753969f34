import { useEffect, useState } from 'react';
import type { VisitorContent } from '../../../src/contract/central.js';
import type { KioskClient } from '../../../src/contract/client.js';

/** Central's copy changes a few times a day at most; the host re-reads its cache on every ask. */
export const CONTENT_REFRESH_MS = 5 * 60_000;
/** Until the first copy arrives: the first retry, doubling up to the last. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;

/**
 * What the visitor screens show (`content.get`: central's copy, else the shipped files), loaded
 * when the page starts and refreshed every few minutes. A failed refresh keeps the copy in hand,
 * so a host that is briefly away never empties a screen; until the first copy arrives it retries
 * with backoff, like kiosk info. Undefined until then.
 */
export function useVisitorContent(client: KioskClient): VisitorContent | undefined {
  const [content, setContent] = useState<VisitorContent>();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_FIRST_MS;
    let held = '';
    function run() {
      client.call('content.get', {}).then(
        (fresh) => {
          if (stopped) return;
          // Most refreshes bring the same copy: no new object, so nothing on screen re-renders.
          const text = JSON.stringify(fresh);
          if (text !== held) {
            held = text;
            setContent(fresh);
          }
          delay = RETRY_FIRST_MS;
          timer = setTimeout(run, CONTENT_REFRESH_MS);
        },
        () => {
          if (stopped) return;
          timer = setTimeout(run, held === '' ? delay : CONTENT_REFRESH_MS);
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        },
      );
    }
    run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client]);
  return content;
}
