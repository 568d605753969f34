import type { Migration } from './migration.js';

/**
 * The visit's own data a job seeker or worker gives at the kiosk with consent (UU PDP 27/2022):
 * employment status and a WhatsApp number for follow-up, sealed (AES-GCM) as one value; the
 * consent's version and time in clear, as the proof of consent; purged after the retention window.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'visitor data with consent',
  up(db) {
    db.exec(`
      ALTER TABLE tickets ADD COLUMN visitor_sealed TEXT;
      ALTER TABLE tickets ADD COLUMN consent_version TEXT;
      ALTER TABLE tickets ADD COLUMN consent_at TEXT;
      CREATE INDEX tickets_visitor_data ON tickets (service_date) WHERE visitor_sealed IS NOT NULL;
    `);
  },
};
