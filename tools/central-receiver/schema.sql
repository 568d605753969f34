-- The reference central receiver's tables (PostgreSQL 13 or later).
-- Applied by every instance at start, under an advisory lock; every statement is idempotent, so
-- applying it again changes nothing. All the receiver's state is here: instances share nothing else
-- but the token secret.

-- One-time pairing codes the ministry issues for a site. Only the SHA-256 of a code is kept.
CREATE TABLE IF NOT EXISTS pairing_codes (
  code_hash bytea PRIMARY KEY,
  site_code text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text
);

-- Wrong pairing codes per client address, for the 5-per-15-minutes limit. Kept in the database
-- (not per instance) so a load balancer spreading guesses over instances does not multiply the
-- allowance. Rows older than the window are deleted as new ones come in.
CREATE TABLE IF NOT EXISTS registration_failures (
  address text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS registration_failures_by_address ON registration_failures (address, failed_at);

-- A registered kiosk. The site is what the kiosk declared at registration (the pairing code was
-- issued for its code); the national view reads site, province and regency from here.
-- Credentials are stored as SHA-256 hashes. After a rotation the previous credential stays valid
-- (previous_*) until the new one is first used to get a token, so a lost rotation answer never
-- locks a kiosk out.
CREATE TABLE IF NOT EXISTS devices (
  device_id text PRIMARY KEY,
  installation_id uuid NOT NULL,
  site_code text NOT NULL,
  site_name text NOT NULL,
  province text NOT NULL,
  regency text NOT NULL,
  kiosk_type text NOT NULL,
  app_version text NOT NULL,
  credential_hash bytea NOT NULL,
  credential_generation integer NOT NULL DEFAULT 1,
  previous_credential_hash bytea,
  previous_generation integer,
  registered_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  revoked_at timestamptz
);
-- One live registration per installation; a revoked one may register again (a new device row).
CREATE UNIQUE INDEX IF NOT EXISTS devices_one_live_per_installation ON devices (installation_id) WHERE revoked_at IS NULL;

-- Every fact a kiosk forwarded, stored once by its id (the primary key is the idempotency key:
-- INSERT … ON CONFLICT (event_id) DO NOTHING, also across instances receiving the same batch).
--
-- (installation_id, seq) is indexed but deliberately NOT unique. The same installation and seq
-- under a different id is a kiosk fault (e.g. its database restored from a backup and the
-- sequence reused); a unique constraint there would make the whole batch fail on every retry and
-- wedge the kiosk's outbox, or, with a blanket DO NOTHING, silently drop a real fact as a
-- "duplicate". Both facts are kept instead, and receiver_seq_conflicts (national-view.sql) lists
-- them for someone to look at.
CREATE TABLE IF NOT EXISTS events (
  event_id uuid PRIMARY KEY,
  device_id text NOT NULL REFERENCES devices (device_id),
  installation_id uuid NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_installation_seq ON events (installation_id, seq);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type);

-- A pulled resource replaced at run time (POST /v1/admin/fixtures/{name}); absent means the
-- instance's own fixture. Kept here, not in memory, so every instance serves the same body and ETag.
-- The body is stored as sent (text, not jsonb) so its bytes, and so its ETag, never change.
CREATE TABLE IF NOT EXISTS fixture_overrides (
  name text PRIMARY KEY,
  body text NOT NULL,
  etag text NOT NULL,
  checked boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
