import type { Desk } from '../../../src/contract/api.js';
import type { UserType } from '../../../src/contract/vocabulary.js';
import type { Need } from '../../../src/domain/visitorContent.js';
import { PriorityToggle } from '../components/PriorityToggle.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import type { VisitorIdentity } from './IdentifyScreen.js';
import type { VisitData } from './VisitDataScreen.js';

/** `0812••••7890`: the visitor recognises their number; a passer-by cannot note it down. */
function maskPhoneNumber(number: string): string {
  return number.length <= 8 ? '•'.repeat(number.length) : `${number.slice(0, 4)}${'•'.repeat(number.length - 8)}${number.slice(-4)}`;
}

export type ChangeTarget = 'userType' | 'account' | 'visitData' | 'need' | 'desk';

/**
 * Before the number is printed: what the visitor chose, each with "change", the kelompok rentan
 * choice, and one button that takes the ticket. Nothing is printed by a stray tap on a desk.
 */
export function ConfirmScreen({
  userType,
  identity,
  hasAccount,
  need,
  visitData,
  desk,
  priority,
  issuing,
  closed,
  onTogglePriority,
  onChange,
  onIssue,
}: {
  userType: UserType | undefined;
  identity: VisitorIdentity | undefined;
  hasAccount: boolean | undefined;
  need: Need | undefined;
  /** The visit data row: undefined when not asked of this visitor, null when declined. */
  visitData: VisitData | null | undefined;
  desk: Desk;
  priority: boolean;
  issuing: boolean;
  closed: boolean;
  onTogglePriority(): void;
  onChange(target: ChangeTarget): void;
  onIssue(): void;
}) {
  const { t, language } = useI18n();
  const rows: Array<{ target: ChangeTarget; label: MessageKey; value: string }> = [
    { target: 'userType', label: 'journey.confirm.userType', value: userType ? t(`userType.${userType}` as MessageKey) : t('journey.confirm.notSaid') },
    {
      target: 'account',
      label: 'journey.confirm.account',
      value: identity ? identity.masked : hasAccount === false ? t('journey.confirm.noAccount') : hasAccount ? t('journey.confirm.accountNotShown') : t('journey.confirm.notSaid'),
    },
    ...(visitData === undefined
      ? []
      : [
          {
            target: 'visitData' as const,
            label: 'journey.confirm.visitData' as const,
            value: visitData
              ? [t(`visitData.status.${visitData.employmentStatus}` as MessageKey), visitData.whatsapp ? `WA ${maskPhoneNumber(visitData.whatsapp)}` : ''].filter(Boolean).join(' · ')
              : t('journey.confirm.noVisitData'),
          },
        ]),
    { target: 'need', label: 'journey.confirm.need', value: need ? need.title[language] : t('journey.confirm.ownChoice') },
    { target: 'desk', label: 'journey.confirm.desk', value: `${desk.letter} · ${t(`desk.${desk.id}.name` as MessageKey)}` },
  ];
  return (
    <section className="journey" aria-labelledby="confirm-heading" data-testid="confirm">
      <h2 id="confirm-heading" className="screen-heading">
        {t('journey.confirm.heading')}
      </h2>
      <p className="screen-lead">{t('journey.confirm.lead')}</p>
      <dl className="confirm-list">
        {rows.map((row) => (
          <div key={row.target} className="confirm-row">
            <dt>{t(row.label)}</dt>
            <dd>
              <span data-testid={`confirm-${row.target}`}>{row.value}</span>
              <button type="button" className="change-button" data-testid={`confirm-change-${row.target}`} onClick={() => onChange(row.target)}>
                {t('journey.confirm.change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="confirm-queue">
        {desk.waiting === 0 ? t('home.noQueue') : t('home.queue', { people: desk.waiting, minutes: desk.estimate.minutes })}
      </p>
      <PriorityToggle priority={priority} onToggle={onTogglePriority} />
      <div className="journey-actions end">
        <button type="button" className="primary-button" data-testid="confirm-issue" disabled={issuing || closed} onClick={onIssue}>
          {t(closed ? 'journey.confirm.closed' : 'journey.confirm.issue')}
        </button>
      </div>
      {issuing && (
        <div className="printing-overlay" role="status" data-testid="printing">
          <span className="spinner large" aria-hidden="true" />
          <p>{t('home.issuing')}</p>
        </div>
      )}
    </section>
  );
}
