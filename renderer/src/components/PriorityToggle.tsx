import { useI18n } from '../i18n/i18n.js';

/** Kelompok rentan: the visitor says so; the queue's priority policy does the rest. */
export function PriorityToggle({ priority, onToggle }: { priority: boolean; onToggle(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className={`priority-toggle ${priority ? 'on' : ''}`} aria-pressed={priority} data-testid="priority-toggle" onClick={onToggle}>
      <span className="priority-switch" aria-hidden="true">
        <span className="priority-knob" />
      </span>
      <span className="priority-text">
        <strong>{t('home.priority')}</strong>
        <span>{t(priority ? 'home.priorityOn' : 'home.priorityHint')}</span>
      </span>
    </button>
  );
}
