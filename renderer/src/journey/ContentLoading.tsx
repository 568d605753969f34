import { useI18n } from '../i18n/i18n.js';

/** Where a screen waits for the content: the host is local, so this shows for a moment at most. */
export function ContentLoading() {
  const { t } = useI18n();
  return (
    <p className="muted journey-empty" role="status" data-testid="content-loading">
      {t('journey.loading')}
    </p>
  );
}
