// Fills case_fact with $2 synthetic cases (first id $3) of Sichuan's counties ($1, Chengdu's
// districts busier: the county index is drawn from random()²), registered over 2025, in every
// channel and category, with realistic decisions, conclusions, deadlines and ratings. Generated
// inside Postgres (INSERT … SELECT generate_series): on this machine it outruns COPY from Node,
// which has to ship every row over the socket.
export const GENERATE_FACTS = `
WITH params AS (SELECT $1::text[] AS codes, array_length($1::text[], 1) AS n)
INSERT INTO case_fact (case_id, petition_number, division_code, province_code, city_code,
  county_code, kind, channel, category_code, lead_organ_id, status, registered_at, accept_by,
  decided_at, conclude_by, closed_at, office_rating, organ_rating, rated_at)
SELECT
  md5('case' || g)::uuid, 'XF' || g, d, '510000', substr(d, 1, 4) || '00', d,
  (ARRAY['suggestion', 'accusation', 'appeal', 'appeal'])[1 + g % 4],
  (ARRAY['online', 'online', 'online', 'online', 'letter', 'visit', 'phone', 'video', 'message-board'])[1 + (g * 7) % 9],
  (ARRAY['0101', '0203', '0303', '0402', '0501', '0602', '0701', '0801'])[1 + g % 8],
  d || '-organ-' || (g % 12),
  CASE WHEN closed IS NULL THEN 'accepted' ELSE 'concluded' END,
  reg, reg + interval '15 days', decided, conclude_by, closed,
  CASE WHEN rated THEN (ARRAY['satisfied', 'satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'])[1 + g % 5] END,
  CASE WHEN rated THEN (ARRAY['satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'dissatisfied'])[1 + (g / 5) % 5] END,
  CASE WHEN rated THEN closed + interval '3 days' END
FROM (
  SELECT g, d, reg, decided,
         decided + interval '60 days' AS conclude_by,
         CASE WHEN random() < 0.9 THEN decided + (random() * 70) * interval '1 day' END AS closed,
         random() < 0.7 AS rated
  FROM (
    SELECT g, p.codes[1 + floor(random() ^ 2 * p.n)::int] AS d,
           reg, reg + (random() * 18) * interval '1 day' AS decided
    FROM params p, generate_series($3::bigint, $3::bigint + $2::bigint - 1) g,
         LATERAL (SELECT timestamptz '2025-01-01 00:00+08' + random() * interval '365 days' + g * interval '0 s' AS reg) r
  ) a
) b`;

/**
 * The 'all'-dimension daily roll-up of every fact — the SQL twin of caseContributions() in
 * apps/statistics/src/measures/formulas.ts (each case's counters booked on their China day).
 */
export const BUILD_ROLLUP = `
INSERT INTO case_rollup_daily (day, division_code, province_code, city_code, county_code, dim,
  dim_value, registered, online, closed, accept_decided, accept_on_time, accept_overdue_start,
  accept_overdue_end, concluded, concluded_on_time, conclude_overdue_start, conclude_overdue_end,
  concluded_rated, office_rated, office_satisfied, organ_rated, organ_satisfied)
SELECT (e.at AT TIME ZONE 'Asia/Shanghai')::date, f.division_code, f.province_code, f.city_code,
       f.county_code, 'all', '-',
       count(*) FILTER (WHERE e.c = 'registered'), count(*) FILTER (WHERE e.c = 'online'),
       count(*) FILTER (WHERE e.c = 'closed'), count(*) FILTER (WHERE e.c = 'accept_decided'),
       count(*) FILTER (WHERE e.c = 'accept_on_time'), count(*) FILTER (WHERE e.c = 'accept_overdue_start'),
       count(*) FILTER (WHERE e.c = 'accept_overdue_end'), count(*) FILTER (WHERE e.c = 'concluded'),
       count(*) FILTER (WHERE e.c = 'concluded_on_time'), count(*) FILTER (WHERE e.c = 'conclude_overdue_start'),
       count(*) FILTER (WHERE e.c = 'conclude_overdue_end'), count(*) FILTER (WHERE e.c = 'concluded_rated'),
       count(*) FILTER (WHERE e.c = 'office_rated'), count(*) FILTER (WHERE e.c = 'office_satisfied'),
       count(*) FILTER (WHERE e.c = 'organ_rated'), count(*) FILTER (WHERE e.c = 'organ_satisfied')
FROM case_fact f,
LATERAL (VALUES
  (f.registered_at, 'registered'),
  (CASE WHEN f.channel = 'online' THEN f.registered_at END, 'online'),
  (f.closed_at, 'closed'),
  (f.decided_at, 'accept_decided'),
  (CASE WHEN f.decided_at <= f.accept_by THEN f.decided_at END, 'accept_on_time'),
  (CASE WHEN f.decided_at > f.accept_by THEN f.accept_by END, 'accept_overdue_start'),
  (CASE WHEN f.decided_at > f.accept_by THEN f.decided_at END, 'accept_overdue_end'),
  (f.closed_at, 'concluded'),
  (CASE WHEN f.closed_at <= f.conclude_by THEN f.closed_at END, 'concluded_on_time'),
  (CASE WHEN f.closed_at IS NULL OR f.closed_at > f.conclude_by THEN f.conclude_by END, 'conclude_overdue_start'),
  (CASE WHEN f.closed_at > f.conclude_by THEN f.closed_at END, 'conclude_overdue_end'),
  (CASE WHEN f.rated_at IS NOT NULL THEN f.closed_at END, 'concluded_rated'),
  (CASE WHEN f.office_rating IS NOT NULL THEN f.rated_at END, 'office_rated'),
  (CASE WHEN f.office_rating IN ('satisfied', 'basically-satisfied') THEN f.rated_at END, 'office_satisfied'),
  (CASE WHEN f.organ_rating IS NOT NULL THEN f.rated_at END, 'organ_rated'),
  (CASE WHEN f.organ_rating IN ('satisfied', 'basically-satisfied') THEN f.rated_at END, 'organ_satisfied')
) e(at, c)
WHERE e.at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5`;

/** The naive way: the same three rates for a city, by month, straight from the raw facts. */
export const NAIVE_BY_MONTH = `
SELECT to_char(m, 'YYYY-MM') AS month,
  count(*) FILTER (WHERE f.decided_at >= m AND f.decided_at < m + interval '1 month' AND f.decided_at <= f.accept_by) AS accept_on_time,
  count(*) FILTER (WHERE f.decided_at >= m AND f.decided_at < m + interval '1 month')
    + count(*) FILTER (WHERE f.accept_by < m + interval '1 month' AND (f.decided_at IS NULL OR f.decided_at >= m + interval '1 month')) AS accept_denominator,
  count(*) FILTER (WHERE f.closed_at >= m AND f.closed_at < m + interval '1 month' AND f.closed_at <= f.conclude_by) AS concluded_on_time,
  count(*) FILTER (WHERE f.closed_at >= m AND f.closed_at < m + interval '1 month')
    + count(*) FILTER (WHERE f.conclude_by < m + interval '1 month' AND (f.closed_at IS NULL OR f.closed_at >= m + interval '1 month')) AS conclude_denominator,
  count(*) FILTER (WHERE f.rated_at >= m AND f.rated_at < m + interval '1 month' AND f.office_rating IN ('satisfied', 'basically-satisfied')) AS office_satisfied,
  count(*) FILTER (WHERE f.rated_at >= m AND f.rated_at < m + interval '1 month') AS rated
FROM case_fact f,
     generate_series(timestamptz '2025-01-01 00:00+08', timestamptz '2025-12-01 00:00+08', interval '1 month') m
WHERE f.city_code = $1
GROUP BY m ORDER BY m`;

/** The naive way by county over the year. */
export const NAIVE_BY_COUNTY = `
SELECT f.county_code,
  count(*) FILTER (WHERE f.decided_at >= $2 AND f.decided_at < $3 AND f.decided_at <= f.accept_by) AS accept_on_time,
  count(*) FILTER (WHERE f.decided_at >= $2 AND f.decided_at < $3)
    + count(*) FILTER (WHERE f.accept_by < $3 AND (f.decided_at IS NULL OR f.decided_at >= $3)) AS accept_denominator,
  count(*) FILTER (WHERE f.closed_at >= $2 AND f.closed_at < $3 AND f.closed_at <= f.conclude_by) AS concluded_on_time,
  count(*) FILTER (WHERE f.closed_at >= $2 AND f.closed_at < $3)
    + count(*) FILTER (WHERE f.conclude_by < $3 AND (f.closed_at IS NULL OR f.closed_at >= $3)) AS conclude_denominator,
  count(*) FILTER (WHERE f.rated_at >= $2 AND f.rated_at < $3 AND f.office_rating IN ('satisfied', 'basically-satisfied')) AS office_satisfied,
  count(*) FILTER (WHERE f.rated_at >= $2 AND f.rated_at < $3) AS rated
FROM case_fact f WHERE f.city_code = $1 GROUP BY 1 ORDER BY 1`;
