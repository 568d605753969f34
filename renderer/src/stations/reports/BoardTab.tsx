import { useEffect, useState } from 'react';
import { KioskApiError } from '../../../../src/contract/errors.js';
import { BoardTextsSchema, type Board, type BoardTexts } from '../../../../src/contract/reports.js';
import { ErrorBox, Panel } from '../common.js';
import { useAction } from '../hooks.js';
import { useStation } from '../stationContext.js';
import { useStaffI18n } from '../staffI18n.js';
import { useInstantFormat } from './ReportsTab.js';
import './reports.css';

/**
 * The information board on the kiosk's idle screen (`board.get` / `board.update`): the service
 * promise (maklumat pelayanan), where to complain, an announcement, and — read-only here — the IKM
 * the manager published from the Reports tab.
 */

type Field = keyof BoardTexts;
const FIELDS: Field[] = ['maklumat', 'complaintContact', 'announcement'];
const SHAPE = BoardTextsSchema.shape;
/** The schema's own bounds; what the host checks after trimming. */
const LIMITS: Record<Field, { min: number; max: number }> = {
  maklumat: { min: SHAPE.maklumat.minLength ?? 0, max: SHAPE.maklumat.maxLength ?? 1200 },
  complaintContact: { min: SHAPE.complaintContact.minLength ?? 0, max: SHAPE.complaintContact.maxLength ?? 200 },
  announcement: { min: SHAPE.announcement.unwrap().minLength ?? 0, max: SHAPE.announcement.unwrap().maxLength ?? 300 },
};
const TEST_IDS: Record<Field, string> = { maklumat: 'board-maklumat', complaintContact: 'board-contact', announcement: 'board-announcement' };

function textsOf(board: Board): BoardTexts {
  return { maklumat: board.maklumat, complaintContact: board.complaintContact, announcement: board.announcement };
}

function sameTexts(a: BoardTexts, b: BoardTexts): boolean {
  return FIELDS.every((field) => a[field] === b[field]);
}

interface Editor {
  /** The board as the host last said. */
  board: Board;
  /** The texts the draft started from, to tell edits here from a change made elsewhere. */
  base: BoardTexts;
  draft: BoardTexts;
  changedElsewhere: boolean;
}

function freshEditor(board: Board): Editor {
  return { board, base: textsOf(board), draft: textsOf(board), changedElsewhere: false };
}

export function BoardTab() {
  const { t, language } = useStaffI18n();
  const { client } = useStation();
  const format = useInstantFormat();
  const action = useAction();
  const [editor, setEditor] = useState<Editor>();
  const [loadError, setLoadError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    client.call('board.get', {}).then(
      (loaded) => {
        if (!current) return;
        setEditor(freshEditor(loaded));
        setLoadError(undefined);
      },
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);

  // Another manager (or a publication) changed the board: take it, unless this page has unsaved edits.
  useEffect(
    () =>
      client.on('board.changed', (changed) =>
        setEditor((current) => {
          if (!current || sameTexts(current.draft, current.base)) return freshEditor(changed);
          return { ...current, board: changed, changedElsewhere: current.changedElsewhere || !sameTexts(textsOf(changed), current.base) };
        }),
      ),
    [client],
  );

  if (!editor) {
    return loadError ? (
      <div className="report-error">
        <ErrorBox error={loadError} />
        <button type="button" className="st-button" onClick={() => setAttempt((value) => value + 1)}>
          {t('common.retry')}
        </button>
      </div>
    ) : (
      <p className="station-loading">{t('common.loading')}</p>
    );
  }

  const { board, base, draft } = editor;
  const issues = new Set(action.error instanceof KioskApiError ? (action.error.issues ?? []).map((issue) => issue.path.split('.')[0] ?? '') : []);
  const length = (field: Field) => draft[field].trim().length;
  const outOfBounds = (field: Field) => length(field) > LIMITS[field].max || length(field) < LIMITS[field].min;
  const dirty = !sameTexts(draft, base);
  const edit = (field: Field, value: string) => {
    setSaved(false);
    setEditor({ ...editor, draft: { ...draft, [field]: value } });
  };

  return (
    <div className="admin-grid board" data-testid="board">
      <Panel title={t('board.heading')} testId="board-panel">
        <p className="st-hint">{t('board.lead')}</p>
        {editor.changedElsewhere && (
          <div className="st-notice" role="status" data-testid="board-changed-elsewhere">
            {t('board.changedElsewhere')}{' '}
            <button
              type="button"
              className="st-link"
              onClick={() => setEditor(freshEditor(board))}
            >
              {t('board.takeLatest')}
            </button>
          </div>
        )}
        {FIELDS.map((field) => {
          const multiline = field !== 'complaintContact';
          const common = {
            className: 'st-input',
            value: draft[field],
            'aria-invalid': outOfBounds(field) || issues.has(field),
            'aria-describedby': `board-${field}-count`,
            'data-testid': TEST_IDS[field],
          };
          return (
            <label key={field} className="st-field">
              <span>{t(`board.field.${field}`)}</span>
              <span className="st-hint field-hint">{t(`board.hint.${field}`)}</span>
              {multiline ? (
                <textarea {...common} rows={field === 'maklumat' ? 8 : 3} onChange={(event) => edit(field, event.target.value)} />
              ) : (
                <input {...common} onChange={(event) => edit(field, event.target.value)} />
              )}
              <span id={`board-${field}-count`} className={`char-count ${outOfBounds(field) ? 'over' : ''}`} data-testid={`${TEST_IDS[field]}-count`} data-count={length(field)} data-max={LIMITS[field].max}>
                {LIMITS[field].min > 0 && length(field) < LIMITS[field].min
                  ? t('board.tooShort', { count: length(field), min: LIMITS[field].min })
                  : t('common.charCount', { count: length(field), max: LIMITS[field].max })}
              </span>
              {issues.has(field) && <span className="field-issue">{t(`board.issue.${field}`, { min: LIMITS[field].min, max: LIMITS[field].max })}</span>}
            </label>
          );
        })}
        <ErrorBox error={action.error} onClose={action.clearError} />
        {saved && (
          <p className="print-ok" role="status" data-testid="board-saved">
            {t('board.saved')}
          </p>
        )}
        <p className="st-muted" data-testid="board-updated">
          {board.updatedAt ? t('board.updatedAt', { time: format(board.updatedAt) }) : t('board.neverSaved')}
        </p>
        <div className="form-buttons">
          <button type="button" className="st-button" disabled={!dirty || action.busy !== undefined} data-testid="board-reset" onClick={() => setEditor({ ...editor, draft: base })}>
            {t('board.discard')}
          </button>
          <button
            type="button"
            className="st-button primary"
            disabled={action.busy !== undefined || FIELDS.some(outOfBounds)}
            data-testid="board-save"
            onClick={() =>
              void action.run('save', () => client.call('board.update', { maklumat: draft.maklumat, complaintContact: draft.complaintContact, announcement: draft.announcement })).then((updated) => {
                if (!updated) return;
                setEditor(freshEditor(updated));
                setSaved(true);
              })
            }
          >
            {action.busy === 'save' ? t('common.wait') : t('board.save')}
          </button>
        </div>
      </Panel>

      <div className="board-side">
        <Panel title={t('board.previewHeading')} testId="board-preview-panel">
          <p className="st-hint">{t('board.previewLead')}</p>
          <BoardPreview texts={draft} ikm={board.ikm} />
        </Panel>
        <Panel title={t('board.ikmHeading')} testId="board-ikm-panel">
          {board.ikm ? (
            <dl className="figure-list" data-testid="board-ikm" data-period={board.ikm.periodKey} data-value={board.ikm.ikm}>
              <div>
                <dt>{t('report.period')}</dt>
                <dd>{board.ikm.periodLabel[language]}</dd>
              </div>
              <div>
                <dt>{t('report.ikm')}</dt>
                <dd>
                  <IkmNumber value={board.ikm.ikm} />
                </dd>
              </div>
              <div>
                <dt>{t('report.mutu')}</dt>
                <dd>
                  <span className={`mutu-badge small mutu-${board.ikm.mutu}`}>{board.ikm.mutu}</span> {language === 'id' ? board.ikm.kinerja : t(`report.kinerja.${board.ikm.mutu}`)}
                </dd>
              </div>
              <div>
                <dt>{t('report.respondents')}</dt>
                <dd>{board.ikm.respondents}</dd>
              </div>
              <div>
                <dt>{t('board.publishedAt')}</dt>
                <dd>{format(board.ikm.publishedAt)}</dd>
              </div>
            </dl>
          ) : (
            <p className="st-muted" data-testid="board-no-ikm">
              {t('board.noIkm')}
            </p>
          )}
          <p className="st-hint">{t('board.ikmReadOnly')}</p>
        </Panel>
      </div>
    </div>
  );
}

function IkmNumber({ value }: { value: number }) {
  const { locale } = useStaffI18n();
  return <>{new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}</>;
}

/** How the board reads on the kiosk (in its order): plain text, line breaks kept, never markup. */
function BoardPreview({ texts, ikm }: { texts: BoardTexts; ikm: Board['ikm'] }) {
  const { t, language } = useStaffI18n();
  return (
    <article className="board-preview" data-testid="board-preview">
      {ikm && (
        <p className="board-preview-ikm">
          <strong>{t('board.previewIkm', { period: ikm.periodLabel[language] })}</strong> <IkmNumber value={ikm.ikm} /> · {t('report.mutu')} {ikm.mutu} ({language === 'id' ? ikm.kinerja : t(`report.kinerja.${ikm.mutu}`)})
        </p>
      )}
      <h3>{t('board.field.maklumat')}</h3>
      <p className="board-preview-maklumat">{texts.maklumat.trim() || <span className="st-muted">{t('board.emptyMaklumat')}</span>}</p>
      <p className="board-preview-contact">
        <strong>{t('board.field.complaintContact')}:</strong> {texts.complaintContact.trim() || '–'}
      </p>
      {texts.announcement.trim() && (
        <p className="board-preview-announcement" data-testid="board-preview-announcement">
          {texts.announcement.trim()}
        </p>
      )}
    </article>
  );
}
