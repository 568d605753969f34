import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { KioskInfo, WhoAmI } from '../../../src/contract/api.js';
import { KioskApiError } from '../../../src/contract/errors.js';
import type { StaffRole } from '../../../src/contract/vocabulary.js';
import type { StationRoute } from '../routes.js';
import { LoginScreen } from './LoginScreen.js';
import { PairingScreen } from './PairingScreen.js';
import { StationContext, type StationContextValue } from './stationContext.js';
import { StationHeader } from './StationHeader.js';
import { createStationSession, type AuthLoss } from './stationSession.js';
import { useStaffI18n, type StaffKey } from './staffI18n.js';
import './stations.css';

// Each page is its own chunk: a waiting-room TV never loads the admin page and vice versa.
const DeskConsole = lazy(() => import('./desk/DeskConsole.js'));
const ReceptionConsole = lazy(() => import('./reception/ReceptionConsole.js'));
const DisplayPage = lazy(() => import('./display/DisplayPage.js'));
const AdminPage = lazy(() => import('./admin/AdminPage.js'));

/** Who may use each staff page once logged in. */
const PAGE_ROLES: Record<Exclude<StationRoute, 'display'>, readonly StaffRole[]> = {
  desk: ['officer'],
  reception: ['receptionist'],
  admin: ['manager', 'technician'],
};

const PAGE_TITLE: Record<StationRoute, StaffKey> = {
  desk: 'page.desk',
  reception: 'page.reception',
  display: 'page.display',
  admin: 'page.admin',
};

type Phase = { name: 'checking' } | { name: 'unreachable'; rateLimited: boolean } | { name: 'pairing' } | { name: 'ready'; who: WhoAmI };

/** How often an unreachable host is tried again. */
const RETRY_MS = 5000;

export default function StationApp({ route }: { route: StationRoute }) {
  const { t } = useStaffI18n();
  const session = useMemo(() => createStationSession(), []);
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [notice, setNotice] = useState<StaffKey>();
  const [check, setCheck] = useState(0);
  const recheck = useCallback(() => setCheck((value) => value + 1), []);
  const [info, setInfo] = useState<KioskInfo>();

  useEffect(() => {
    document.title = `${t(PAGE_TITLE[route])} · Kios SIAPkerja`;
  }, [route, t]);

  useEffect(() => {
    const offChange = session.onCredentialsChanged(recheck);
    const offLost = session.onAuthLost((loss: AuthLoss) => setNotice(loss === 'station' ? 'notice.stationRevoked' : 'notice.sessionEnded'));
    return () => {
      offChange();
      offLost();
    };
  }, [session, recheck]);

  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Site name and time zone for the header clock; any paired station (or the kiosk) may ask.
    session.client.call('kiosk.info', {}).then(
      (value) => current && setInfo(value),
      () => undefined,
    );
    session.client.call('auth.whoami', {}).then(
      (who) => {
        if (!current) return;
        // A session token the host no longer accepts is dropped, so the login screen shows.
        if (who.staff === null && session.sessionToken() !== undefined) {
          setNotice('notice.sessionEnded');
          session.setSessionToken(undefined);
        }
        setPhase(who.station === null && !who.local ? { name: 'pairing' } : { name: 'ready', who });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof KioskApiError && error.code === 'unauthenticated') {
          if (session.stationToken() !== undefined) {
            setNotice('notice.stationRevoked');
            session.setStationToken(undefined);
          }
          setPhase({ name: 'pairing' });
          return;
        }
        setPhase({ name: 'unreachable', rateLimited: error instanceof KioskApiError && error.code === 'rate_limited' });
        retry = setTimeout(() => setCheck((value) => value + 1), RETRY_MS);
      },
    );
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [session, check]);

  const logout = useCallback(async () => {
    try {
      await session.client.call('auth.logout', {});
    } catch {
      // Logged out locally either way; the session expires on the host by itself.
    }
    setNotice(undefined);
    session.setSessionToken(undefined);
  }, [session]);

  const unpair = useCallback(() => {
    setNotice(undefined);
    session.setStationToken(undefined);
  }, [session]);

  const who = phase.name === 'ready' ? phase.who : undefined;
  const context = useMemo<StationContextValue | undefined>(
    () => (who ? { session, client: session.client, who, info, refreshWho: recheck, logout, unpair } : undefined),
    [session, who, info, recheck, logout, unpair],
  );

  if (phase.name === 'checking') {
    return <p className="station-loading">{t('common.loading')}</p>;
  }
  if (phase.name === 'unreachable') {
    return (
      <div className="station-center">
        <div className="station-card" role="alert" data-testid="station-unreachable">
          <h1>{t('station.unreachableTitle')}</h1>
          <p>{t(phase.rateLimited ? 'error.rateLimited' : 'station.unreachable')}</p>
          <button type="button" className="st-button primary" onClick={recheck}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    );
  }
  if (phase.name === 'pairing' || !context || !who) {
    return <PairingScreen session={session} route={route} notice={notice} />;
  }

  if (route === 'display') {
    const canShow = who.roles.includes('display') || who.roles.includes('kiosk') || who.staff !== null;
    if (!canShow) {
      return <WrongStation kind={who.station?.kind ?? '-'} onUnpair={unpair} />;
    }
    return (
      <StationContext.Provider value={context}>
        <Suspense fallback={<p className="station-loading">{t('common.loading')}</p>}>
          <DisplayPage />
        </Suspense>
      </StationContext.Provider>
    );
  }

  const allowed = PAGE_ROLES[route];
  return (
    <StationContext.Provider value={context}>
      <div className={`station station-${route}`}>
        <StationHeader title={t(PAGE_TITLE[route])} />
        <main className="station-main">
          {notice && !who.staff && (
            <p className="st-notice" role="status">
              {t(notice)}
            </p>
          )}
          {!who.staff ? (
            <LoginScreen roles={allowed} onLoggedIn={() => setNotice(undefined)} />
          ) : !allowed.includes(who.staff.role) ? (
            <div className="station-card" role="alert" data-testid="wrong-role">
              <h2>{t('login.wrongRoleTitle')}</h2>
              <p>{t('login.wrongRole', { role: t(`role.${who.staff.role}`), page: t(PAGE_TITLE[route]) })}</p>
              <button type="button" className="st-button primary" onClick={() => void logout()}>
                {t('header.logout')}
              </button>
            </div>
          ) : (
            <Suspense fallback={<p className="station-loading">{t('common.loading')}</p>}>
              {route === 'desk' && <DeskConsole />}
              {route === 'reception' && <ReceptionConsole />}
              {route === 'admin' && <AdminPage />}
            </Suspense>
          )}
        </main>
      </div>
    </StationContext.Provider>
  );
}

function WrongStation({ kind, onUnpair }: { kind: string; onUnpair(): void }) {
  const { t } = useStaffI18n();
  return (
    <div className="station-center">
      <div className="station-card" role="alert" data-testid="wrong-station">
        <h1>{t('station.wrongKindTitle')}</h1>
        <p>{t('station.wrongKind', { kind })}</p>
        <button type="button" className="st-button primary" onClick={onUnpair}>
          {t('station.repair')}
        </button>
      </div>
    </div>
  );
}
