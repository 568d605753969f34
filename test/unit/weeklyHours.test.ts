import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVICE_CALENDAR } from '../../src/domain/serviceCalendar.js';
import { weeklyHours } from '../../src/domain/weeklyHours.js';

const MORNING = [{ start: '08:00', end: '12:00' }];

describe('weekly hours for the notice board', () => {
  it('reads the guideline\'s week as Monday–Thursday and Friday', () => {
    expect(weeklyHours(DEFAULT_SERVICE_CALENDAR)).toEqual([
      { from: 'mon', to: 'thu', sessions: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:30' }] },
      { from: 'fri', to: 'fri', sessions: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }] },
    ]);
  });

  it('does not join days across a closed day', () => {
    const weekly = { mon: MORNING, tue: [], wed: MORNING, thu: MORNING, fri: [], sat: MORNING, sun: [] };
    expect(weeklyHours({ weekly })).toEqual([
      { from: 'mon', to: 'mon', sessions: MORNING },
      { from: 'wed', to: 'thu', sessions: MORNING },
      { from: 'sat', to: 'sat', sessions: MORNING },
    ]);
  });
});
