import { useEffect, useState } from 'react';

/**
 * The current time, renewed every `intervalMs`. Shared by the visitor page and the staff stations,
 * so it lives here rather than in stations/ (the visitor bundle must not load station code).
 */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
