import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** Indonesia types on the QWERTY layout; digits on top, and the marks names and places need. */
const TEXT_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', '-'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/'],
];

/**
 * Numbers written on official papers (an application number such as PP/3273/2026/000123): only
 * capitals, digits and the marks between their parts, so the keys show exactly what will be typed
 * and nothing the number cannot hold (a space, a comma) is on offer.
 */
const CODE_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
  ['Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P'],
  ['A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', '-'],
  ['Z', 'X', 'C', 'V', 'B', 'N', 'M', '.', '/'],
];

/**
 * The kiosk's keyboard: it has no physical one. Large keys (≥ 72 px), erase and "done"; the `text`
 * layout adds shift for one capital and space, the `code` layout types capitals only. What it
 * types goes to `onChange`, bounded by `maxLength`.
 */
export function OnScreenKeyboard({
  value,
  onChange,
  maxLength,
  onDone,
  testId = 'osk',
  layout = 'text',
}: {
  value: string;
  onChange(value: string): void;
  maxLength: number;
  onDone?(): void;
  testId?: string;
  layout?: 'text' | 'code';
}) {
  const { t } = useI18n();
  const [shift, setShift] = useState(false);
  const text = layout === 'text';
  const type = (key: string) => {
    if (value.length >= maxLength) return;
    onChange(value + (shift ? key.toUpperCase() : key));
    setShift(false);
  };
  return (
    <div className="osk" role="group" aria-label={t('osk.label')} data-testid={testId} data-layout={layout}>
      {(text ? TEXT_ROWS : CODE_ROWS).map((row, index) => (
        <div key={index} className="osk-row">
          {row.map((key) => (
            <button key={key} type="button" className="osk-key" data-testid={`${testId}-key-${key}`} onClick={() => type(key)}>
              {shift ? key.toUpperCase() : key}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        {text && (
          <>
            <button type="button" className={`osk-key wide ${shift ? 'on' : ''}`} aria-pressed={shift} data-testid={`${testId}-shift`} onClick={() => setShift((on) => !on)}>
              {t('osk.shift')}
            </button>
            <button type="button" className="osk-key space" data-testid={`${testId}-space`} onClick={() => type(' ')}>
              {t('osk.space')}
            </button>
          </>
        )}
        <button type="button" className="osk-key wide" data-testid={`${testId}-back`} onClick={() => onChange(value.slice(0, -1))}>
          <span aria-hidden="true">⌫</span> {t('osk.erase')}
        </button>
        {onDone && (
          <button type="button" className="osk-key wide done" data-testid={`${testId}-done`} onClick={onDone}>
            {t('osk.done')}
          </button>
        )}
      </div>
    </div>
  );
}
