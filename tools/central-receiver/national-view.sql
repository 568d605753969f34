-- The national view over the reference receiver's tables (schema.sql), for PostgreSQL 13 or later.
-- Apply it after the schema: psql "$DATABASE_URL" -f tools/central-receiver/national-view.sql
-- Every statement is CREATE OR REPLACE, so it can be applied again after a change.
--
-- Where a kiosk stands comes from its registration (devices.site_*, province, regency), never from
-- an event. A site's name and place are those of its latest registration (site_code is the key),
-- so a kiosk replaced or re-registered at the same site keeps counting for it.
--
-- Days and months are the kiosk's service day (payload.serviceDate, the site's time zone), not the
-- receiver's clock: a response sent days later (survey responses travel in daily batches after
-- their day) still counts for the day it was given.
--
-- Nothing here reads visitor.registered: the national view needs no personal data.

-- ---------------------------------------------------------------------------------------------
-- Sites
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW national_sites AS
SELECT DISTINCT ON (site_code) site_code, site_name, province, regency
  FROM devices
 ORDER BY site_code, registered_at DESC;

-- ---------------------------------------------------------------------------------------------
-- IKM (PermenPAN-RB 14/2017)
--   NRR_i = S_i / n_i   (sum and count of the answers given to unsur i; a skipped question is absent)
--   IKM   = (Σ NRR_i × 1/9) × 25, rounded half-up to 2 decimals
--   mutu  = A from 88.31, B from 76.61, C from 65.00, else D
-- The index needs all nine unsur answered (the regulation weighs each 1/9 and has no rule for
-- fewer); with fewer it is NULL, as on the kiosk (src/domain/ikm.ts).
--
-- Computed exactly, as the kiosk does: with L = lcm(n_1 … n_9), Σ S_i/n_i = Σ (S_i × L/n_i) / L,
-- so the hundredths are div(5000 × Σ (S_i × L/n_i) + 9L, 18L) in integer arithmetic. A float or a
-- 0.111 weight would move results across the 65.00 / 76.61 / 88.31 bounds.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE AGGREGATE national_lcm(numeric) (SFUNC = lcm, STYPE = numeric, INITCOND = '1');

-- sums[k], counts[k]: the answers to one unsur each (unanswered unsur left out or with count 0).
CREATE OR REPLACE FUNCTION national_ikm(sums numeric[], counts numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$
  WITH unsur AS (
    SELECT s, n FROM unnest(sums, counts) AS t (s, n) WHERE n > 0
  ), common AS (
    SELECT national_lcm(n) AS l, count(*) AS answered FROM unsur
  )
  SELECT CASE WHEN common.answered = 9
              THEN div(5000 * (SELECT sum(s * div(common.l, n)) FROM unsur) + 9 * common.l, 18 * common.l) / 100.0
         END::numeric(5, 2)
    FROM common
$$;

CREATE OR REPLACE FUNCTION national_mutu(ikm numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN ikm IS NULL THEN NULL
              WHEN ikm >= 88.31 THEN 'A'
              WHEN ikm >= 76.61 THEN 'B'
              WHEN ikm >= 65.00 THEN 'C'
              ELSE 'D' END
$$;

-- One row per answer of every survey.response: the event, where and when, the unsur and 1–4.
CREATE OR REPLACE VIEW national_survey_answers AS
SELECT e.event_id,
       d.site_code,
       substr(e.payload ->> 'serviceDate', 1, 7) AS month,
       a.unsur,
       a.answer::int AS answer
  FROM events e
  JOIN devices d ON d.device_id = e.device_id
 CROSS JOIN LATERAL jsonb_each_text(e.payload -> 'answers') AS a (unsur, answer)
 WHERE e.type = 'survey.response';

-- Sums and counts per site, month and unsur: additive, so every coarser view sums these.
CREATE OR REPLACE VIEW national_unsur_site_month AS
SELECT site_code, month, unsur, sum(answer)::numeric AS answer_sum, count(*)::numeric AS answered
  FROM national_survey_answers
 GROUP BY site_code, month, unsur;

-- IKM per site and month. respondents: responses with at least one answer (as the kiosk counts).
-- nrr: {"U1": 3.333, …} to 3 decimals for reading; the index uses the exact fractions.
CREATE OR REPLACE VIEW national_ikm_site_month AS
WITH scored AS (
  SELECT site_code, month,
         national_ikm(array_agg(answer_sum ORDER BY unsur), array_agg(answered ORDER BY unsur)) AS ikm,
         jsonb_object_agg(unsur, round(answer_sum / answered, 3)) AS nrr
    FROM national_unsur_site_month
   GROUP BY site_code, month
), respondents AS (
  SELECT site_code, month, count(DISTINCT event_id) AS respondents
    FROM national_survey_answers
   GROUP BY site_code, month
)
SELECT s.site_code, s.site_name, s.province, s.regency, scored.month, r.respondents, scored.nrr, scored.ikm,
       national_mutu(scored.ikm) AS mutu
  FROM scored
  JOIN respondents r USING (site_code, month)
  JOIN national_sites s USING (site_code);

-- IKM per province and month, over all the province's responses (not an average of site indices:
-- a site with more respondents weighs more, as if the province were one unit).
CREATE OR REPLACE VIEW national_ikm_province_month AS
WITH per_unsur AS (
  SELECT s.province, u.month, u.unsur, sum(u.answer_sum) AS answer_sum, sum(u.answered) AS answered
    FROM national_unsur_site_month u
    JOIN national_sites s USING (site_code)
   GROUP BY s.province, u.month, u.unsur
), scored AS (
  SELECT province, month,
         national_ikm(array_agg(answer_sum ORDER BY unsur), array_agg(answered ORDER BY unsur)) AS ikm,
         jsonb_object_agg(unsur, round(answer_sum / answered, 3)) AS nrr
    FROM per_unsur
   GROUP BY province, month
), respondents AS (
  SELECT s.province, a.month, count(DISTINCT a.site_code) AS sites, count(DISTINCT a.event_id) AS respondents
    FROM national_survey_answers a
    JOIN national_sites s USING (site_code)
   GROUP BY s.province, a.month
)
SELECT scored.province, scored.month, r.sites, r.respondents, scored.nrr, scored.ikm, national_mutu(scored.ikm) AS mutu
  FROM scored
  JOIN respondents r USING (province, month);

-- ---------------------------------------------------------------------------------------------
-- Volume: tickets issued (ticket.issued) and finished (ticket.finished: service ended with the
-- services listed) per service day. Each event is stored once, so counting events counts tickets.
-- ---------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW national_volume_site_day AS
SELECT s.site_code, s.site_name, s.province, s.regency,
       (e.payload ->> 'serviceDate')::date AS service_date,
       count(*) FILTER (WHERE e.type = 'ticket.issued') AS issued,
       count(*) FILTER (WHERE e.type = 'ticket.finished') AS finished
  FROM events e
  JOIN devices d ON d.device_id = e.device_id
  JOIN national_sites s ON s.site_code = d.site_code
 WHERE e.type IN ('ticket.issued', 'ticket.finished')
 GROUP BY s.site_code, s.site_name, s.province, s.regency, service_date;

CREATE OR REPLACE VIEW national_volume_province_day AS
SELECT province, service_date, count(*) AS sites, sum(issued)::bigint AS issued, sum(finished)::bigint AS finished
  FROM national_volume_site_day
 GROUP BY province, service_date;

-- ---------------------------------------------------------------------------------------------
-- Delivery health, per installation (seq is dense per installation: a gap is a fact not yet
-- received, and fills when the kiosk's outbox catches up).
-- ---------------------------------------------------------------------------------------------

-- Missing ranges of seq, including any before the first one received (seq starts at 1).
CREATE OR REPLACE VIEW receiver_seq_gaps AS
WITH received AS (
  SELECT DISTINCT installation_id, seq FROM events
), ordered AS (
  SELECT installation_id, seq, lag(seq, 1, 0::bigint) OVER (PARTITION BY installation_id ORDER BY seq) AS previous
    FROM received
)
SELECT installation_id, previous + 1 AS missing_from, seq - 1 AS missing_to
  FROM ordered
 WHERE seq > previous + 1;

-- The same installation and seq under different ids: a kiosk fault (see schema.sql); both are kept.
CREATE OR REPLACE VIEW receiver_seq_conflicts AS
SELECT installation_id, seq, array_agg(event_id ORDER BY received_at) AS event_ids, array_agg(type ORDER BY received_at) AS types
  FROM events
 GROUP BY installation_id, seq
HAVING count(*) > 1;
