import type { Caller } from '../auth/caller.js';
import type { EventBus } from '../eventBus.js';
import type { KioskConfig } from '../kioskConfig.js';
import type { Board, BoardTexts, IkmPublication } from '../../contract/reports.js';
import type { KioskDatabase } from '../../store/kioskDatabase.js';
import { boardTexts, saveBoardTexts } from '../../store/reportQueries.js';
import { CentralConfigSchema } from '../../central/api.js';
import { cachedResource, enqueueOutbox } from '../../store/outboxQueries.js';

export interface BoardServiceDeps {
  db: KioskDatabase;
  config: KioskConfig;
  events: EventBus;
  clock: () => Date;
  latestPublication: () => IkmPublication | null;
  audit: (caller: Caller, action: string, detail?: Record<string, unknown>) => void;
}

/**
 * The service pledge in the wording public service units use (PermenPAN-RB 15/2014's model
 * maklumat), until the manager writes the site's own.
 */
export const DEFAULT_MAKLUMAT =
  'Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.';

/**
 * The information board the guideline requires (Kepmenaker 225/2023, required facilities): the
 * maklumat pelayanan, the complaint contact, an announcement and the latest published IKM. The
 * kiosk shows it on its idle screen; hours and open/closed come from `kiosk.info`.
 */
export class BoardService {
  readonly #deps: BoardServiceDeps;

  constructor(deps: BoardServiceDeps) {
    this.#deps = deps;
  }

  get(): Board {
    const { db, config } = this.#deps;
    const texts = boardTexts(db);
    return {
      maklumat: texts?.maklumat ?? DEFAULT_MAKLUMAT,
      complaintContact: texts?.complaint_contact ?? config.complaintContact,
      announcement: texts?.announcement ?? '',
      nationalAnnouncement: centralAnnouncement(db),
      ikm: this.#deps.latestPublication(),
      updatedAt: texts?.updated_at ?? null,
    };
  }

  update(texts: BoardTexts, caller: Caller): Board {
    const { db, clock } = this.#deps;
    const now = clock().toISOString();
    db.transaction(() => {
      saveBoardTexts(db, { maklumat: texts.maklumat, complaint_contact: texts.complaintContact, announcement: texts.announcement, updated_at: now, updated_by: caller.staff?.id ?? null });
      // The board is public information; central keeps the site's current pledge and contact.
      enqueueOutbox(db, 'board.updated', { maklumat: texts.maklumat, complaintContact: texts.complaintContact, announcement: texts.announcement, updatedAt: now }, now);
      this.#deps.audit(caller, 'board.updated', { fields: ['maklumat', 'complaintContact', 'announcement'] });
    }).immediate();
    return this.announce();
  }

  /** Tells every screen the board changed (after an edit or a publication). */
  announce(): Board {
    const board = this.get();
    this.#deps.events.emit('board.changed', board);
    return board;
  }
}

/** The announcement of central's configuration, if the kiosk holds a good copy (the puller checked it). */
function centralAnnouncement(db: KioskDatabase): string | null {
  const body = cachedResource(db, 'config')?.body;
  if (!body) return null;
  const parsed = CentralConfigSchema.safeParse(JSON.parse(body));
  return parsed.success && parsed.data.announcement?.trim() ? parsed.data.announcement.trim() : null;
}
