import { lazy, Suspense, useEffect, useState } from 'react';
import type { KioskClient } from '../../../src/contract/client.js';
import { maskNik, validateNik } from '../../../src/domain/nik.js';
import { parseSiapkerjaScan } from '../../../src/domain/siapkerjaScan.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';

export interface VisitorIdentity {
  kind: 'siapkerja-id' | 'nik';
  value: string;
  /** What the screen may show: never the whole number. */
  masked: string;
}

// The camera's reader (WebAssembly) loads only when a visitor asks for the camera.
const CameraScanner = lazy(() => import('../camera/CameraScanner.js').then((module) => ({ default: module.CameraScanner })));

const NIK_LENGTH = 16;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The visitor shows who they are: the SIAPkerja-ID card at the scanner, or the NIK typed on the
 * keypad (checked for its structure before it is taken). Shown masked once taken; kept in memory
 * only until the ticket is issued or the screen is wiped.
 */
export function IdentifyScreen({
  client,
  identity,
  onIdentity,
  onContinue,
  onSkip,
}: {
  client: KioskClient;
  identity: VisitorIdentity | undefined;
  onIdentity(identity: VisitorIdentity): void;
  onContinue(): void;
  onSkip(): void;
}) {
  const { t } = useI18n();
  const [digits, setDigits] = useState('');
  const [problem, setProblem] = useState<MessageKey>();
  const [camera, setCamera] = useState(false);

  // A card held to the kiosk's scanner.
  useEffect(
    () =>
      client.on('scanner.scanned', (scan) => {
        if (scan.deliverTo !== 'kiosk' || !scan.result.ok || scan.result.kind === 'ticket') return;
        const masked = scan.result.masked;
        client.call('scanner.claim', { scanId: scan.scanId }).then(
          (claimed) => {
            if (claimed.kind === 'ticket') return;
            setDigits('');
            setProblem(undefined);
            onIdentity({ kind: claimed.kind, value: claimed.value, masked });
          },
          () => setProblem('journey.identify.scanFailed'),
        );
      }),
    [client, onIdentity],
  );

  const press = (key: string) => {
    setProblem(undefined);
    setDigits((current) => (current.length < NIK_LENGTH ? current + key : current));
  };
  const submit = () => {
    const check = validateNik(digits);
    if (!check.ok) {
      setProblem(`journey.nik.${check.code}` as MessageKey);
      return;
    }
    setDigits('');
    onIdentity({ kind: 'nik', value: check.nik, masked: maskNik(check.nik) });
  };

  return (
    <section className="journey" aria-labelledby="identify-heading" data-testid="identify">
      <h2 id="identify-heading" className="screen-heading">
        {t('journey.identify.heading')}
      </h2>
      <p className="screen-lead">{t('journey.identify.lead')}</p>
      {identity ? (
        <div className="identity-done" role="status">
          <p>{t(identity.kind === 'nik' ? 'journey.identify.nikTaken' : 'journey.identify.cardTaken')}</p>
          <p className="identity-masked" data-testid="identity-masked">
            {identity.masked}
          </p>
        </div>
      ) : (
        <div className="identify-grid">
          <div className="identify-scan">
            <svg className="scan-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M3 7V4h3M18 4h3v3M21 17v3h-3M6 20H3v-3M7 8v8M10 8v8M13 8v8M16 8v8" />
            </svg>
            <p>{t('journey.identify.scan')}</p>
            <button type="button" className="secondary-button" data-testid="identify-camera" onClick={() => setCamera(true)}>
              {t('journey.identify.camera')}
            </button>
          </div>
          <div className="identify-nik">
            <label className="nik-label" htmlFor="nik-display">
              {t('journey.identify.nik')}
            </label>
            <output id="nik-display" className="nik-display" data-testid="nik-display" aria-live="polite">
              {digits.replace(/(\d{4})(?=\d)/g, '$1 ') || '—'}
            </output>
            <p className="muted">{t('journey.identify.nikCount', { count: digits.length, total: NIK_LENGTH })}</p>
            <div className="keypad visitor" role="group" aria-label={t('journey.identify.keypad')}>
              {KEYS.map((key) => (
                <button key={key} type="button" className="keypad-key" data-testid={`nik-key-${key}`} onClick={() => press(key)}>
                  {key}
                </button>
              ))}
              <button type="button" className="keypad-key erase" data-testid="nik-key-back" onClick={() => setDigits((current) => current.slice(0, -1))}>
                <span aria-hidden="true">⌫</span> {t('journey.identify.erase')}
              </button>
              <button type="button" className="keypad-key" data-testid="nik-key-0" onClick={() => press('0')}>
                0
              </button>
              <button type="button" className="keypad-key submit" data-testid="nik-submit" disabled={digits.length === 0} onClick={submit}>
                {t('journey.identify.check')}
              </button>
            </div>
            {problem && (
              <p className="field-problem" role="alert" data-testid="nik-error">
                {t(problem)}
              </p>
            )}
          </div>
        </div>
      )}
      {camera && (
        <Suspense fallback={<p className="muted">{t('journey.identify.cameraLoading')}</p>}>
          <CameraScanner
            onCancel={() => setCamera(false)}
            onScan={(text) => {
              // The camera reads on this screen: the code is checked here, as the host checks the scanner's.
              const parsed = parseSiapkerjaScan(text);
              setCamera(false);
              if (!parsed.ok) {
                setProblem('journey.identify.scanFailed');
                return;
              }
              setProblem(undefined);
              onIdentity({ kind: parsed.kind, value: parsed.value, masked: parsed.masked });
            }}
          />
        </Suspense>
      )}
      <div className="journey-actions">
        <button type="button" className="secondary-button" data-testid="identify-skip" onClick={onSkip}>
          {t('journey.identify.skip')}
        </button>
        {identity && (
          <button type="button" className="primary-button" data-testid="identify-continue" onClick={onContinue}>
            {t('journey.next')}
          </button>
        )}
      </div>
    </section>
  );
}
