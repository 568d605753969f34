import { useState, type FormEvent, type ReactNode } from 'react';
import { useStaffI18n } from './staffI18n.js';

interface KeypadProps {
  value: string;
  onChange(value: string): void;
  maxLength: number;
  onSubmit?(): void;
  submitLabel?: string;
  disabled?: boolean;
  /** Prefix for data-testid of the keys: `<id>-key-1`, `<id>-key-back`; the OK key is `<id>-submit`. */
  testId: string;
  /** The OK key submits the surrounding form (so Enter in a field works too). */
  submitsForm?: boolean;
  submitEnabled?: boolean;
}

/** A large numeric keypad for touch screens; a physical keyboard works in the field beside it too. */
export function Keypad({ value, onChange, maxLength, onSubmit, submitLabel, disabled, testId, submitsForm, submitEnabled }: KeypadProps) {
  const { t } = useStaffI18n();
  const press = (digit: string) => {
    if (value.length < maxLength) onChange(value + digit);
  };
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => (
        <button key={digit} type="button" className="keypad-key" disabled={disabled} data-testid={`${testId}-key-${digit}`} onClick={() => press(digit)}>
          {digit}
        </button>
      ))}
      <button
        type="button"
        className="keypad-key keypad-back"
        disabled={disabled || value.length === 0}
        aria-label={t('keypad.backspace')}
        data-testid={`${testId}-key-back`}
        onClick={() => onChange(value.slice(0, -1))}
      >
        ⌫
      </button>
      <button type="button" className="keypad-key" disabled={disabled} data-testid={`${testId}-key-0`} onClick={() => press('0')}>
        0
      </button>
      <button
        type={submitsForm ? 'submit' : 'button'}
        className="keypad-key keypad-ok"
        disabled={disabled || !(submitEnabled ?? onSubmit !== undefined)}
        data-testid={`${testId}-submit`}
        onClick={submitsForm ? undefined : () => onSubmit?.()}
      >
        {submitLabel ?? t('keypad.ok')}
      </button>
    </div>
  );
}

/**
 * A form ended by a keypad whose OK key submits it (the login and pairing screens). One submission
 * at a time and only when `valid`; a failure clears the typed digits, so the next try starts
 * afresh, and shows `failureText(error)` above the keypad as `<testId>-error`.
 */
export function KeypadForm({
  testId,
  value,
  onChange,
  maxLength,
  valid,
  submitLabel,
  send,
  failureText,
  children,
}: {
  testId: string;
  value: string;
  onChange(value: string): void;
  maxLength: number;
  valid: boolean;
  submitLabel: string;
  send(): Promise<void>;
  failureText(error: unknown): string;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      await send();
    } catch (error) {
      onChange('');
      setMessage(failureText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="login-form" onSubmit={(event) => void submit(event)}>
      {children}
      {message && (
        <p className="st-error" role="alert" data-testid={`${testId}-error`}>
          {message}
        </p>
      )}
      <Keypad value={value} onChange={onChange} maxLength={maxLength} disabled={busy} testId={testId} submitsForm submitEnabled={valid && !busy} submitLabel={busy ? '…' : submitLabel} />
    </form>
  );
}
