import { useI18n } from '../i18n/i18n.js';

/**
 * The line under a list fed from outside the kiosk (vacancies, the PP/PKB registry): where it came
 * from and when. The shipped sample says so in the visitor's language, whatever its `source` text
 * says, so nobody applies for a sample vacancy or trusts a sample registry.
 */
export function FeedSource({ feed, sample, timeZone, testId }: { feed: { source: string; fetchedAt: string }; sample: boolean; timeZone: string | undefined; testId: string }) {
  const { t, language } = useI18n();
  const updated = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: timeZone ?? 'Asia/Jakarta' }).format(new Date(feed.fetchedAt));
  return (
    <p className="muted feed-source" data-testid={testId} data-sample={sample}>
      {sample && <strong className="feed-sample">{t('feed.sample')} </strong>}
      {t('vacancy.source', { source: feed.source })}
      {!sample && ` · ${t('feed.updated', { date: updated })}`}
    </p>
  );
}
