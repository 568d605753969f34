import { useCallback, useMemo } from 'react';
import type { ApiErrorCode } from '../../../src/contract/errors.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import { useI18n, type Language, type MessageKey } from '../i18n/i18n.js';
import staffEn from '../i18n/staff.en.json';
import staffId from '../i18n/staff.id.json';

/**
 * The staff stations' catalogue, apart from the visitor's so the kiosk bundle does not carry it.
 * Bahasa Indonesia is the source; the type makes a missing English string a compile error.
 */
export type StaffKey = keyof typeof staffId;
const catalogs: Record<Language, Record<StaffKey, string>> = { id: staffId, en: staffEn };

export type StaffTranslate = (key: StaffKey, params?: Record<string, string | number>) => string;

export function staffText(language: Language, key: StaffKey, params?: Record<string, string | number>): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (match, name: string) => String(params?.[name] ?? match));
}

export interface StaffI18n {
  language: Language;
  setLanguage(language: Language): void;
  t: StaffTranslate;
  /** Visitor catalogue (desk names). */
  tv: (key: MessageKey, params?: Record<string, string | number>) => string;
  deskName(deskId: number): string;
  /** A message for a failed call, in the current language. */
  errorText(error: unknown): string;
  locale: string;
}

const ERROR_KEYS: Partial<Record<ApiErrorCode, StaffKey>> = {
  unavailable: 'error.unavailable',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  locked_out: 'error.lockedOut',
  rate_limited: 'error.rateLimited',
  illegal_transition: 'error.illegalTransition',
  conflict: 'error.conflict',
  not_found: 'error.notFound',
  invalid_input: 'error.invalidInput',
  service_closed: 'error.serviceClosed',
  daily_cap_reached: 'error.dailyCapReached',
  sequence_exhausted: 'error.sequenceExhausted',
  desk_not_available: 'error.deskNotAvailable',
};

export function useStaffI18n(): StaffI18n {
  const { language, setLanguage, t: tv } = useI18n();
  const t = useCallback<StaffTranslate>((key, params) => staffText(language, key, params), [language]);
  return useMemo(() => {
    const errorText = (error: unknown): string => {
      if (error instanceof KioskApiError) {
        const key = ERROR_KEYS[error.code];
        // The host's own message explains conflicts precisely ("ticket A-003 is still at this counter").
        const base = key ? t(key) : t('error.generic');
        return error.code === 'conflict' || error.code === 'illegal_transition' || error.code === 'invalid_input'
          ? `${base} (${error.message})`
          : base;
      }
      return t('error.generic');
    };
    return {
      language,
      setLanguage,
      t,
      tv,
      deskName: (deskId: number) => tv(`desk.${deskId}.name` as MessageKey),
      errorText,
      locale: language === 'id' ? 'id-ID' : 'en-GB',
    };
  }, [language, setLanguage, t, tv]);
}
