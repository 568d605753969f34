import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceStatus, Desk, KioskInfo, PrintOutcome, Ticket } from '../../src/contract/api.js';
import type { VisitorContent } from '../../src/contract/central.js';
import type { Board } from '../../src/contract/reports.js';
import { VISITOR_CONSENT_VERSION, type EmployerScope, type UserType } from '../../src/contract/vocabulary.js';
import { desksForNeed, needsForVisitor, type Bilingual, type SelfServiceTool } from '../../src/domain/visitorContent.js';
import type { KioskClient } from '../../src/contract/client.js';
import { KioskApiError } from '../../src/contract/errors.js';
import { Header } from './components/Header.js';
import { useIdleCountdown } from './components/useIdleCountdown.js';
import { useWedgeScanner } from './components/useWedgeScanner.js';
import { useI18n, type MessageKey } from './i18n/i18n.js';
import { AccountScreen } from './journey/AccountScreen.js';
import { ApplicationStatus } from './journey/ApplicationStatus.js';
import { ConfirmScreen } from './journey/ConfirmScreen.js';
import { ContentLoading } from './journey/ContentLoading.js';
import { guideById, needById } from './journey/content.js';
import { DeskChoiceScreen } from './journey/DeskChoiceScreen.js';
import { GuideScreen } from './journey/GuideScreen.js';
import { IdentifyScreen, type VisitorIdentity } from './journey/IdentifyScreen.js';
import { JkpAssessment } from './journey/JkpAssessment.js';
import { RatifiedSearch } from './journey/RatifiedSearch.js';
import { VacancySearch } from './journey/VacancySearch.js';
import { NeedScreen } from './journey/NeedScreen.js';
import { UserTypeScreen } from './journey/UserTypeScreen.js';
import { useVisitorContent } from './journey/useVisitorContent.js';
import { VisitDataScreen, type VisitData } from './journey/VisitDataScreen.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { InfoBoard } from './screens/InfoBoard.js';
import { SurveyScreen, type SurveyTarget } from './screens/SurveyScreen.js';
import { TicketScreen } from './screens/TicketScreen.js';
import { formatSessions, formatWeeklyHours, zoneLabel } from './serviceState.js';

/** How long the kiosk waits, untouched, before it forgets the visitor (until kiosk.info says). */
export const IDLE_RESET_MS = 60_000;
/** An invitation waits until the home screen has been untouched this long. */
const INVITE_QUIET_MS = 8_000;
const MAX_PENDING_INVITES = 5;
/** How often desks' waiting counts and the service state are refreshed without any event. */
const REFRESH_MS = 30_000;
/** While the host cannot be reached: the first retry, doubling up to the last. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;
/** A ticket QR's signed reference (`KS1.<date>.<number>.<id>.<mac>`); the host checks the signature. */
const TICKET_REFERENCE_SHAPE = /^KS1\.\d{8}\.[A-Z]-\d{3}\.\d+\.[A-Za-z0-9_-]{22}$/;
/** The countdown before the screen forgets the visitor. */
const IDLE_WARNING_MS = 10_000;

/** The visitor's journey (Kepmenaker 225/2023 service flow), then the ticket; the survey after service. */
type Screen =
  | { name: 'board' }
  | { name: 'userType' }
  | { name: 'account' }
  | { name: 'identify' }
  | { name: 'visitData' }
  | { name: 'guide'; guideId: string; then: 'need' | 'deskChoice' }
  | { name: 'need' }
  | { name: 'home' }
  | { name: 'deskChoice' }
  | { name: 'confirm' }
  | { name: 'tool'; tool: SelfServiceTool }
  | { name: 'ticket'; ticket: Ticket; prepare: readonly Bilingual[] }
  | { name: 'survey'; target: SurveyTarget };

/** What the visitor told the kiosk on the way; held in memory only, and wiped with the screen. */
interface Visit {
  userType?: UserType;
  hasAccount?: boolean;
  identity?: VisitorIdentity;
  needId?: string;
  deskId?: number;
  scope?: EmployerScope;
  /** Given only after consent; undefined when declined or not asked. */
  data?: VisitData;
}

/** Screens a visitor may have walked away from; invitations and ticket QRs may take them over. */
const FREE_SCREENS: ReadonlySet<Screen['name']> = new Set(['board', 'userType']);
/** Screens that hold a visitor's choices: untouched, they count down and wipe. */
const VISIT_SCREENS: ReadonlySet<Screen['name']> = new Set(['userType', 'account', 'identify', 'visitData', 'guide', 'need', 'home', 'deskChoice', 'confirm', 'tool', 'survey']);

export function App({ client }: { client: KioskClient }) {
  const { t, language, setLanguage } = useI18n();
  const [info, setInfo] = useState<KioskInfo>();
  const [desks, setDesks] = useState<Desk[]>();
  const [screen, setScreen] = useState<Screen>({ name: 'board' });
  const [visit, setVisit] = useState<Visit>({});
  // Reading aids the visitor may turn on; like the language, they go with the visitor.
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const [guidance, setGuidance] = useState(false);
  const speechAvailable = typeof window !== 'undefined' && 'speechSynthesis' in window;
  const [issuingDesk, setIssuingDesk] = useState<number>();
  // What went wrong with the visitor's last action, said so they know what to do next.
  const [notice, setNotice] = useState<Notice>();
  // Kelompok rentan: the visitor says so with a toggle; it applies to the next ticket only.
  const [priority, setPriority] = useState(false);

  // Needs, guides, the self-service tools' data: from the host (central's copy, else the shipped
  // files). A newer copy waits for a free screen, so a need or guide never changes under a visitor.
  const latestContent = useVisitorContent(client);
  const [content, setContent] = useState<VisitorContent>();
  if (latestContent !== undefined && latestContent !== content && (content === undefined || FREE_SCREENS.has(screen.name))) setContent(latestContent);

  // The printer's health: from kiosk.info, then every change as it happens.
  const [printer, setPrinter] = useState<DeviceStatus['state']>();
  useEffect(() => client.on('device.status', (status) => status.id === 'printer' && setPrinter(status.state)), [client]);
  const printerState = printer ?? info?.printer;

  // Print outcomes by ticket id: the event may arrive before the issuing call has returned.
  const [printOutcomes, setPrintOutcomes] = useState<ReadonlyMap<number, PrintOutcome>>(new Map());
  useEffect(
    () =>
      client.on('ticket.printed', (printed) =>
        setPrintOutcomes((current) => {
          const next = new Map(current);
          next.set(printed.ticketId, printed.print);
          // Only the last few matter: the ticket on screen is always among them.
          for (const id of next.keys()) if (next.size > 20) next.delete(id);
          return next;
        }),
      ),
    [client],
  );

  // The information board's texts and published IKM, kept current as the manager edits them.
  const [board, setBoard] = useState<Board>();
  useEffect(() => {
    client.call('board.get', {}).then(setBoard, () => undefined);
    return client.on('board.changed', setBoard);
  }, [client]);

  // The survey is offered when a desk finishes a ticket (the officer's invitation), or when the
  // visitor holds the ticket's QR to the scanner. An invitation never takes the screen from someone
  // using it: it opens on the information board, or on a home screen nobody has touched for a few
  // seconds; until then it waits (the host keeps it five minutes), in the order they came.
  const [pendingInvites, setPendingInvites] = useState<readonly string[]>([]);
  const lastTouch = useRef(0);
  const [recheck, setRecheck] = useState(0);
  useEffect(() => {
    const mark = () => {
      lastTouch.current = Date.now();
    };
    window.addEventListener('pointerdown', mark, true);
    window.addEventListener('keydown', mark, true);
    return () => {
      window.removeEventListener('pointerdown', mark, true);
      window.removeEventListener('keydown', mark, true);
    };
  }, []);
  useEffect(() => client.on('survey.invited', (invite) => setPendingInvites((list) => [...list, invite.inviteId].slice(-MAX_PENDING_INVITES))), [client]);
  const screenFree = FREE_SCREENS.has(screen.name);
  useEffect(() => {
    const inviteId = pendingInvites[0];
    if (inviteId === undefined || !screenFree || issuingDesk !== undefined) return;
    const quietFor = Date.now() - lastTouch.current;
    const wait = screen.name === 'board' ? 0 : Math.max(0, INVITE_QUIET_MS - quietFor);
    const timer = setTimeout(() => {
      if (screen.name !== 'board' && Date.now() - lastTouch.current < INVITE_QUIET_MS) {
        setRecheck((count) => count + 1);
        return;
      }
      const done = () => setPendingInvites((list) => list.filter((id) => id !== inviteId));
      // One-time claims: should this run twice for one invitation, the second is refused harmlessly.
      client.call('survey.claimInvite', { inviteId }).then(
        (claimed) => {
          done();
          const target = { reference: claimed.reference, number: claimed.number };
          // A visitor who started taking a ticket meanwhile keeps the screen.
          setScreen((current) => (FREE_SCREENS.has(current.name) ? { name: 'survey', target } : current));
        },
        done,
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [client, pendingInvites, screenFree, screen.name, issuingDesk, recheck]);
  useEffect(
    () =>
      client.on('scanner.scanned', (scan) => {
        if (scan.deliverTo !== 'kiosk' || !scan.result.ok || scan.result.kind !== 'ticket') return;
        const number = scan.result.masked;
        client.call('scanner.claim', { scanId: scan.scanId }).then(
          (claimed) => {
            if (claimed.kind !== 'ticket') return;
            setScreen((current) => (FREE_SCREENS.has(current.name) || current.name === 'survey' ? { name: 'survey', target: { reference: claimed.value, number } } : current));
          },
          () => undefined,
        );
      }),
    [client],
  );

  // A survey station's own scanner types like a keyboard: a ticket QR held to it opens the survey
  // (the host checks the reference's signature; this only recognises its shape).
  useWedgeScanner((text) => {
    const reference = text.trim();
    // The whole shape, signature length included: a burst cut short by a slow key is not a ticket.
    if (!TICKET_REFERENCE_SHAPE.test(reference)) return;
    const parts = reference.split('.');
    setScreen((current) => (FREE_SCREENS.has(current.name) || current.name === 'survey' ? { name: 'survey', target: { reference, number: parts[2]! } } : current));
  }, true);

  // Untouched for the configured time, the visitor screen forgets the visitor: a visible countdown
  // first, then the screen, language, priority choice, errors and a half-answered survey go, and
  // the information board returns.
  const idleMs = (info?.idleSeconds ?? IDLE_RESET_MS / 1000) * 1000;
  const wipe = useCallback(() => {
    setLanguage('id');
    setPriority(false);
    setNotice(undefined);
    setVisit({});
    setLargeText(false);
    setHighContrast(false);
    setGuidance(false);
    setScreen({ name: 'board' });
  }, [setLanguage]);
  const idleSecondsLeft = useIdleCountdown({
    active: VISIT_SCREENS.has(screen.name),
    idleMs,
    warnMs: Math.min(IDLE_WARNING_MS, idleMs / 2),
    lastTouch,
    client,
    onTimeout: wipe,
  });

  // Each new screen takes the focus to its heading, so a screen reader starts there and the focus
  // never falls back to <body>.
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('.kiosk-main h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [screen.name]);

  // Audio guidance, when the visitor asks for it: each screen's heading and lead are read aloud in
  // the visitor's language (the platform's voice; nothing is downloaded).
  useEffect(() => {
    if (!guidance || !speechAvailable) return;
    const heading = document.querySelector('.kiosk-main h2')?.textContent ?? '';
    const lead = document.querySelector('.kiosk-main .screen-lead')?.textContent ?? '';
    const utterance = new SpeechSynthesisUtterance(`${heading}. ${lead}`);
    utterance.lang = language === 'id' ? 'id-ID' : 'en-US';
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
    return () => window.speechSynthesis.cancel();
  }, [guidance, speechAvailable, screen.name, language]);

  const closeSurvey = useCallback(() => {
    setLanguage('id');
    setScreen({ name: 'board' });
  }, [setLanguage]);

  // Kiosk info and desks: loaded at start, refreshed quietly all day, and while the host cannot be
  // reached retried with backoff — the kiosk comes back by itself, nobody has to tap anything.
  const [online, setOnline] = useState<boolean>();
  const checkNow = useRef<() => void>(() => undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_FIRST_MS;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    };
    function run() {
      Promise.all([client.call('kiosk.info', {}), client.call('desks.list', {})]).then(
        ([kiosk, list]) => {
          if (stopped) return;
          setInfo(kiosk);
          setDesks(list.desks);
          setOnline(true);
          setNotice((current) => (current?.code === 'unavailable' ? undefined : current));
          delay = RETRY_FIRST_MS;
          schedule(REFRESH_MS);
        },
        () => {
          if (stopped) return;
          setOnline(false);
          schedule(delay);
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        },
      );
    }
    run();
    checkNow.current = () => schedule(0);
    // Queue lengths and estimates move with every ticket: refresh soon after a change.
    const soon = () => schedule(1500);
    const offChanged = client.on('queue.changed', soon);
    const offIssued = client.on('ticket.issued', soon);
    return () => {
      stopped = true;
      clearTimeout(timer);
      offChanged();
      offIssued();
    };
  }, [client]);

  const currentNeed = visit.needId ? needById(content, visit.needId) : undefined;
  const backTarget = backFrom(screen, visit);
  const chosenDesk = desks?.find((desk) => desk.id === visit.deskId);
  // The desk this kiosk sends the need to: where a visitor asks when a tool cannot answer them.
  const needDeskId = currentNeed && visit.userType ? desksForNeed(currentNeed, visit.userType, (desks ?? []).map((desk) => desk.id))[0] : undefined;
  const needDesk = desks?.find((desk) => desk.id === needDeskId);
  const setIdentity = useCallback((identity: VisitorIdentity) => setVisit((current) => ({ ...current, identity })), []);

  const issue = async (deskId: number) => {
    // One ticket per tap: further taps while printing are ignored, not queued.
    if (issuingDesk !== undefined) return;
    setIssuingDesk(deskId);
    setNotice(undefined);
    try {
      const ticket = await client.call('tickets.issue', {
        deskId,
        priority,
        ...(visit.userType ? { userType: visit.userType } : {}),
        ...(visit.identity ? { identity: { kind: visit.identity.kind, value: visit.identity.value } } : {}),
        ...(visit.data
          ? { visitor: { consent: true as const, consentVersion: VISITOR_CONSENT_VERSION, employmentStatus: visit.data.employmentStatus, ...(visit.data.whatsapp ? { whatsapp: visit.data.whatsapp } : {}) } }
          : {}),
      });
      const need = visit.needId ? needById(content, visit.needId) : undefined;
      setPriority(false);
      // The visit is over for the kiosk: what the visitor gave it goes now.
      setVisit({});
      setScreen({ name: 'ticket', ticket, prepare: need?.prepare ?? [] });
    } catch (cause) {
      const next = noticeFor(cause, deskId);
      setNotice(next);
      // The host did not answer: find out now whether it is away, rather than at the next refresh.
      if (next.code === 'unavailable') checkNow.current();
    } finally {
      setIssuingDesk(undefined);
    }
  };

  return (
    <div className={`kiosk ${largeText ? 'large-text' : ''} ${highContrast ? 'high-contrast' : ''}`}>
      <Header info={info} />
      <main className="kiosk-main">
        {screen.name === 'board' ? (
          <InfoBoard info={info} board={board} onWake={() => setScreen({ name: 'userType' })} />
        ) : screen.name === 'survey' ? (
          <SurveyScreen key={screen.target.reference} client={client} target={screen.target} onClose={closeSurvey} />
        ) : screen.name === 'userType' ? (
          <UserTypeScreen
            selected={visit.userType}
            onChoose={(userType) => {
              setVisit((current) => ({ ...current, userType, needId: undefined, deskId: undefined }));
              setScreen({ name: 'account' });
            }}
          />
        ) : screen.name === 'account' ? (
          <AccountScreen
            onAnswer={(hasAccount) => {
              setVisit((current) => ({ ...current, hasAccount, ...(hasAccount ? {} : { identity: undefined }) }));
              setScreen(hasAccount ? { name: 'identify' } : { name: 'guide', guideId: 'aktivasi-akun', then: 'need' });
            }}
          />
        ) : screen.name === 'identify' ? (
          <IdentifyScreen
            client={client}
            identity={visit.identity}
            onIdentity={setIdentity}
            onContinue={() => setScreen(afterAccount(visit))}
            onSkip={() => {
              setVisit((current) => ({ ...current, identity: undefined }));
              setScreen(afterAccount(visit));
            }}
          />
        ) : screen.name === 'visitData' ? (
          <VisitDataScreen
            retentionDays={info?.visitorDataDays ?? 30}
            data={visit.data}
            onSave={(data) => {
              setVisit((current) => ({ ...current, data }));
              setScreen({ name: 'need' });
            }}
            onDecline={() => {
              setVisit((current) => ({ ...current, data: undefined }));
              setScreen({ name: 'need' });
            }}
          />
        ) : screen.name === 'guide' ? (
          !content ? (
            <ContentLoading />
          ) : guideById(content, screen.guideId) ? (
            <GuideScreen
              guide={guideById(content, screen.guideId)!}
              userType={visit.userType}
              scope={visit.scope}
              onScope={(scope) => setVisit((current) => ({ ...current, scope }))}
              continueLabel={screen.then === 'need' ? 'journey.guide.toNeeds' : 'journey.guide.toDesks'}
              onContinue={() => setScreen(screen.then === 'need' ? afterAccount(visit) : { name: 'deskChoice' })}
            />
          ) : null
        ) : screen.name === 'need' ? (
          <NeedScreen
            needs={content && desks ? (visit.userType ? needsForVisitor(content.needs.needs, visit.userType, desks.map((desk) => desk.id)) : []) : undefined}
            onChoose={(need) => {
              setVisit((current) => ({ ...current, needId: need.id, deskId: undefined }));
              setScreen(need.guideId ? { name: 'guide', guideId: need.guideId, then: 'deskChoice' } : { name: 'deskChoice' });
            }}
            onKnowDesk={() => {
              setVisit((current) => ({ ...current, needId: undefined, deskId: undefined }));
              setScreen({ name: 'home' });
            }}
          />
        ) : screen.name === 'deskChoice' && currentNeed && visit.userType ? (
          <DeskChoiceScreen
            need={currentNeed}
            userType={visit.userType}
            desks={desksForNeed(currentNeed, visit.userType, (desks ?? []).map((desk) => desk.id)).flatMap((id) => (desks ?? []).filter((desk) => desk.id === id))}
            onChoose={(deskId) => {
              setVisit((current) => ({ ...current, deskId }));
              setScreen({ name: 'confirm' });
            }}
            onTool={() => currentNeed.selfService && setScreen({ name: 'tool', tool: currentNeed.selfService })}
          />
        ) : screen.name === 'tool' ? (
          !content ? (
            <ContentLoading />
          ) : screen.tool === 'vacancy-search' ? (
            <VacancySearch
              feed={content.vacancies}
              sample={content.sources.vacancies === 'shipped'}
              today={info?.serviceDate ?? ''}
              timeZone={info?.timeZone}
              onDone={() => setScreen({ name: 'deskChoice' })}
            />
          ) : screen.tool === 'application-status' ? (
            <ApplicationStatus client={client} desk={needDesk} onDone={() => setScreen({ name: 'deskChoice' })} />
          ) : screen.tool === 'ratified-search' ? (
            <RatifiedSearch
              registry={content.ratified}
              sample={content.sources.content === 'shipped'}
              today={info?.serviceDate ?? ''}
              timeZone={info?.timeZone}
              onDone={() => setScreen({ name: 'deskChoice' })}
            />
          ) : (
            <JkpAssessment
              assessment={content.assessment.assessment}
              onDone={(result) => {
                // The result names the desk to queue for when the kiosk runs it.
                const deskId = result?.deskId;
                if (deskId !== undefined && desks?.some((desk) => desk.id === deskId)) {
                  setVisit((current) => ({ ...current, deskId }));
                  setScreen({ name: 'confirm' });
                } else setScreen({ name: 'deskChoice' });
              }}
            />
          )
        ) : screen.name === 'confirm' && chosenDesk ? (
          <ConfirmScreen
            userType={visit.userType}
            identity={visit.identity}
            hasAccount={visit.hasAccount}
            need={currentNeed}
            visitData={asksVisitData(visit.userType) ? (visit.data ?? null) : undefined}
            desk={chosenDesk}
            priority={priority}
            issuing={issuingDesk !== undefined}
            closed={info !== undefined && info.service.state !== 'open'}
            onTogglePriority={() => setPriority((value) => !value)}
            onChange={(target) =>
              setScreen(
                target === 'userType'
                  ? { name: 'userType' }
                  : target === 'account'
                    ? { name: 'account' }
                    : target === 'visitData'
                      ? { name: 'visitData' }
                    : target === 'need'
                      ? { name: 'need' }
                      : currentNeed
                        ? { name: 'deskChoice' }
                        : { name: 'home' },
              )
            }
            onIssue={() => void issue(chosenDesk.id)}
          />
        ) : screen.name === 'ticket' ? (
          <TicketScreen
            ticket={screen.ticket}
            print={printOutcomes.get(screen.ticket.id) ?? screen.ticket.print}
            prepare={screen.prepare}
            onDone={() => {
              // The next visitor starts at the welcome, in Bahasa Indonesia, whatever the last one chose.
              setLanguage('id');
              setPriority(false);
              setLargeText(false);
              setHighContrast(false);
              setGuidance(false);
              setScreen({ name: 'board' });
            }}
          />
        ) : (
          <HomeScreen
            desks={desks}
            info={info}
            printerDown={printerState === 'offline' || printerState === 'paper-out' || printerState === 'cover-open' || printerState === 'error'}
            issuingDesk={issuingDesk}
            priority={priority}
            onTogglePriority={() => setPriority((value) => !value)}
            onChoose={(deskId) => {
              setVisit((current) => ({ ...current, deskId }));
              setScreen({ name: 'confirm' });
            }}
          />
        )}
        {backTarget && (
          <div className="journey-back">
            <button type="button" className="secondary-button" data-testid="journey-back" onClick={() => setScreen(backTarget)}>
              {t('journey.back')}
            </button>
          </div>
        )}
      </main>
      {/* Reserved for messages: it overlays the screen's foot, so nothing moves under a finger. */}
      <div className="message-area" aria-live="assertive" data-testid="message-area">
        {idleSecondsLeft !== undefined ? (
          <div className="message idle-warning" role="alert" data-testid="idle-countdown">
            <span>{t('idle.countdown', { seconds: idleSecondsLeft })}</span>
            <button type="button" className="message-action" onClick={() => (lastTouch.current = Date.now())}>
              {t('idle.stay')}
            </button>
          </div>
        ) : notice && !(online === false && notice.code === 'unavailable') ? (
          <div className="message error" role="alert" data-testid="notice" data-code={notice.code}>
            <span>{t(notice.key, { desk: t(`desk.${notice.deskId}.name` as MessageKey) })}</span>
            {notice.retry && issuingDesk === undefined ? (
              <button type="button" className="message-action" onClick={() => notice.deskId !== undefined && void issue(notice.deskId)}>
                {t('error.retry')}
              </button>
            ) : (
              <button type="button" className="message-action" onClick={() => setNotice(undefined)}>
                {t('error.dismiss')}
              </button>
            )}
          </div>
        ) : online === false ? (
          <div className="message offline" role="status" data-testid="reconnecting">
            <span className="spinner" aria-hidden="true" />
            <span>{t('error.reconnecting')}</span>
          </div>
        ) : null}
      </div>
      <footer className="kiosk-footer">
        {/* At the bottom, within reach of every visitor, not in a top corner. */}
        <button type="button" className="language-switch" lang={language === 'id' ? 'en' : 'id'} onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}>
          {t('language.switch')}
        </button>
        <button type="button" className="language-switch aid" aria-pressed={largeText} data-testid="large-text" onClick={() => setLargeText((on) => !on)}>
          {t('aid.largeText')}
        </button>
        <button type="button" className="language-switch aid" aria-pressed={highContrast} data-testid="high-contrast" onClick={() => setHighContrast((on) => !on)}>
          {t('aid.highContrast')}
        </button>
        {speechAvailable && (
          <button type="button" className="language-switch aid" aria-pressed={guidance} data-testid="audio-guidance" onClick={() => setGuidance((on) => !on)}>
            {t('aid.audio')}
          </button>
        )}
        <div className="footer-hours">
        <strong>{t('footer.hours')}</strong>
        {info && (
          <span data-testid="today-hours">
            {t('footer.today', {
              hours: info.service.today.length > 0 ? `${formatSessions(info.service, language)} ${zoneLabel(info.timeZone)}` : formatSessions(info.service, language),
            })}
          </span>
        )}
        {info && formatWeeklyHours(info.weeklyHours, language).map((line) => <span key={line}>{line}</span>)}
        </div>
      </footer>
    </div>
  );
}

interface Notice {
  code: string;
  key: MessageKey;
  /** Only where trying again can help (the host was away, or asked us to slow down). */
  retry: boolean;
  deskId: number;
}

function noticeFor(cause: unknown, deskId: number): Notice {
  const code = cause instanceof KioskApiError ? cause.code : 'internal';
  switch (code) {
    case 'unavailable':
      return { code, key: 'error.unavailable', retry: true, deskId };
    case 'rate_limited':
      return { code, key: 'error.rateLimited', retry: true, deskId };
    case 'desk_not_available':
      return { code, key: 'error.deskNotAvailable', retry: false, deskId };
    case 'sequence_exhausted':
      return { code, key: 'error.sequenceExhausted', retry: false, deskId };
    case 'daily_cap_reached':
      return { code, key: 'error.dailyCapReached', retry: false, deskId };
    case 'service_closed':
      return { code, key: 'error.serviceClosed', retry: false, deskId };
    default:
      return { code, key: 'error.generic', retry: true, deskId };
  }
}

/** One step back along the journey; none where the visitor has nothing to go back to. */
function backFrom(screen: Screen, visit: Visit): Screen | undefined {
  switch (screen.name) {
    case 'account':
      return { name: 'userType' };
    case 'identify':
      return { name: 'account' };
    case 'guide':
      return screen.then === 'need' ? { name: 'account' } : { name: 'need' };
    case 'visitData':
      return visit.hasAccount ? { name: 'identify' } : { name: 'account' };
    case 'need':
      return asksVisitData(visit.userType) ? { name: 'visitData' } : visit.hasAccount ? { name: 'identify' } : { name: 'account' };
    case 'home':
    case 'deskChoice':
      return { name: 'need' };
    case 'tool':
      return { name: 'deskChoice' };
    case 'confirm':
      return visit.needId ? { name: 'deskChoice' } : { name: 'home' };
    default:
      return undefined;
  }
}

/** The guideline has job seekers and workers give their data and employment status; others do not. */
function asksVisitData(userType: UserType | undefined): boolean {
  return userType === 'pencari_kerja' || userType === 'pekerja';
}

function afterAccount(visit: Visit): Screen {
  return asksVisitData(visit.userType) ? { name: 'visitData' } : { name: 'need' };
}
