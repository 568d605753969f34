import type { CounterView, DayFigures, TicketView } from '../../contract/api.js';
import type { PauseReason } from '../../contract/api.js';
import type { CounterRow } from '../../store/queueQueries.js';
import type { FigureRow, TicketRow } from '../../store/ticketQueries.js';

/** Rows as stations see them: no sealed fields, no officer ids. */
export function ticketView(row: TicketRow): TicketView {
  return {
    id: row.id,
    number: row.number,
    deskId: row.queue_desk_id,
    status: row.status,
    priority: row.priority === 1,
    userType: row.user_type,
    issuedAt: row.issued_at,
    queuedAt: row.queued_at,
    calledAt: row.called_at,
    servingAt: row.serving_at,
    finishedAt: row.finished_at,
    counterNumber: row.counter_number,
    calls: row.call_count,
    transferredFrom: row.transferred_from,
    services: JSON.parse(row.services) as string[],
    hasSiapkerjaId: row.siapkerja_sealed !== null,
  };
}

export function counterView(row: CounterRow, officerName: string | null): CounterView {
  return {
    deskId: row.desk_id,
    counterNumber: row.counter_number,
    state: row.state,
    pauseReason: (row.pause_reason as PauseReason | null) ?? null,
    officerName: row.state === 'closed' ? null : officerName,
    currentTicketId: row.current_ticket_id,
    since: row.since,
  };
}

export function dayFigures(rows: readonly FigureRow[], longestWaitingTicketId: number | null): DayFigures {
  const sum = (pick: (row: FigureRow) => number | null) => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
  const waitCount = sum((row) => row.wait_count);
  const serviceCount = sum((row) => row.service_count);
  return {
    issued: sum((row) => row.issued),
    waiting: sum((row) => row.waiting),
    inService: sum((row) => row.in_service),
    done: sum((row) => row.done),
    referred: sum((row) => row.referred),
    noShow: sum((row) => row.no_show),
    cancelled: sum((row) => row.cancelled),
    averageWaitSeconds: waitCount > 0 ? Math.round(sum((row) => row.wait_seconds_sum) / waitCount) : null,
    averageServiceSeconds: serviceCount > 0 ? Math.round(sum((row) => row.service_seconds_sum) / serviceCount) : null,
    longestWaitingTicketId,
  };
}
