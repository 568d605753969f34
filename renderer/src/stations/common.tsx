import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import type { Desk, TicketView } from '../../../src/contract/api.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import { UserTypeSchema, type UserType } from '../../../src/contract/vocabulary.js';
import { useStaffI18n } from './staffI18n.js';

/** A failed call, in the page's language, with the host's own words for conflicts. */
export function ErrorBox({ error, onClose }: { error: unknown; onClose?(): void }) {
  const { t, errorText } = useStaffI18n();
  if (error === undefined || error === null) return null;
  return (
    <div className="st-error-box" role="alert" data-testid="action-error" data-code={error instanceof KioskApiError ? error.code : 'unknown'}>
      <span>{errorText(error)}</span>
      {onClose && (
        <button type="button" className="st-link" onClick={onClose}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

export function PriorityMark({ ticket }: { ticket: Pick<TicketView, 'priority'> }) {
  const { t } = useStaffI18n();
  if (!ticket.priority) return null;
  return (
    <span className="priority-mark" title={t('ticket.priority')} aria-label={t('ticket.priority')} data-testid="priority-mark">
      ♿ {t('ticket.priorityShort')}
    </span>
  );
}

export function Panel({ title, children, actions, className, testId }: { title: ReactNode; children: ReactNode; actions?: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`st-panel ${className ?? ''}`} data-testid={testId}>
      <header className="st-panel-header">
        <h2>{title}</h2>
        {actions}
      </header>
      <div className="st-panel-body">{children}</div>
    </section>
  );
}

/** Big desk choice buttons (letter + name), one per offered desk. */
export function DeskChoice({
  desks,
  value,
  onChange,
  exclude,
  testId,
}: {
  desks: readonly Desk[];
  value: number | undefined;
  onChange(deskId: number): void;
  exclude?: number;
  testId: string;
}) {
  const { deskName } = useStaffI18n();
  return (
    <div className="desk-choice" role="radiogroup">
      {desks
        .filter((desk) => desk.id !== exclude)
        .map((desk) => (
          <button
            key={desk.id}
            type="button"
            role="radio"
            aria-checked={value === desk.id}
            className={`desk-choice-item ${value === desk.id ? 'selected' : ''}`}
            data-testid={`${testId}-${desk.id}`}
            onClick={() => onChange(desk.id)}
          >
            <span className="desk-choice-letter">{desk.letter}</span>
            <span className="desk-choice-name">{deskName(desk.id)}</span>
          </button>
        ))}
    </div>
  );
}

/**
 * The visitor's user type, led by one entry that stands for none of them: "not known" where a
 * ticket is issued, "all" where a list is narrowed. Each caller keeps its own value for that entry.
 */
export function UserTypeSelect<None extends string>({
  value,
  onChange,
  none,
  testId,
}: {
  value: UserType | None;
  // NoInfer: a useState setter also takes a function, which would spoil inferring None from it.
  onChange(value: NoInfer<UserType | None>): void;
  none: { value: None; label: string };
  testId: string;
}) {
  const { t } = useStaffI18n();
  return (
    <select className="st-input" value={value} data-testid={testId} onChange={(event) => onChange(event.target.value as UserType | None)}>
      <option value={none.value}>{none.label}</option>
      {UserTypeSchema.options.map((option) => (
        <option key={option} value={option}>
          {t(`userType.${option}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * A field that takes digits only (PINs, pairing codes): anything else typed or pasted is dropped
 * and the value is cut at `maxLength`, so the on-screen keypad and a keyboard give the same value.
 */
export function DigitInput({
  value,
  onChange,
  maxLength,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength' | 'inputMode'> & {
  value: string;
  onChange(digits: string): void;
  maxLength: number;
}) {
  return <input {...rest} inputMode="numeric" maxLength={maxLength} value={value} onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, maxLength))} />;
}

export function formatMinutes(minutes: number, t: ReturnType<typeof useStaffI18n>['t']): string {
  return minutes < 60 ? t('common.minutes', { minutes }) : t('common.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/**
 * A form that opens below the controls: it scrolls into view, takes focus on its first field,
 * and Escape closes it, so it works from the keyboard as well as by touch.
 */
export function InlineDialog({ children, onClose, testId }: { children: ReactNode; onClose(): void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    element.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    element.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button:not([disabled])')?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      ref={box}
      className="inline-dialog"
      role="dialog"
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}
