// One INSERT … SELECT generate_series that fills a petition schema with open cases of Sichuan's
// counties: Chengdu's districts busier than the rest (the county index is drawn from random()²),
// registered over the last two years, in every open status, with their current deadline, the
// alert instant supervision indexes, and who they wait for ($2 rows). One in a hundred is
// due for supervision now, half approaching its deadline, half past it.

export const GENERATE_CASES = `
WITH params AS (SELECT $1::text[] AS codes, array_length($1::text[], 1) AS n, now() AS t0)
INSERT INTO petition_case (
  id, petition_number, kind, channel, category_code, title, content, division_code,
  petitioner_name, petitioner_id_number_encrypted, petitioner_id_number_hash,
  petitioner_phone_encrypted, petitioner_phone_hash, status, registered_at,
  registering_organ_id, routing, lead_organ_id, received_by_organ_at, accepted_at, replied_at,
  review_organ_id, review_requested_at, reexamination_organ_id, reexamination_requested_at,
  updated_at, deadlines, next_deadline_kind, next_deadline_at, next_alert_at, warned_for,
  backlog_flagged_at, acting_parties)
SELECT
  gen_random_uuid(),
  d || '-2025-' || lpad(g::text, 7, '0'),
  (ARRAY['suggestion', 'accusation', 'appeal', 'appeal'])[1 + g % 4],
  (ARRAY['online', 'online', 'online', 'online', 'letter', 'visit', 'phone', 'video', 'message-board'])[1 + (g * 7) % 9],
  (ARRAY['0101', '0203', '0303', '0402', '0501', '0602'])[1 + g % 6],
  (ARRAY['小区电梯长期故障', '农民工工资被拖欠', '道路坑洼积水', '夜间施工噪音扰民', '征地补偿款未发放',
         '养老金未按时到账', '餐馆油烟直排', '孩子入学报名被拒', '停水未通知', '预付卡商家跑路'])[1 + g % 10],
  (ARRAY['小区3栋电梯经常故障，物业公司一直拖着不修，老人上下楼非常困难，请督促尽快维修。',
         '包工头拖欠我们三个月工资，多次讨要无果，请求劳动监察部门帮忙追讨。',
         '小区门口道路坑洼不平，下雨天积水严重，居民出行不便，希望尽快修复。',
         '旁边工地每天晚上施工到凌晨，噪音很大，居民无法休息，请相关部门查处。',
         '村里土地被征收修路，青苗补偿款至今没有发放到位，请求核实并发放。',
         '父亲今年退休，养老金三个月没有到账，社保部门一直说在审核。',
         '楼下火锅店油烟直排，没有安装净化设备，楼上住户不敢开窗。',
         '户口和房产都在学区内，学校以学位已满为由不给报名，请教育部门协调。',
         '社区连续停水三天没有任何通知，居民生活用水困难。',
         '健身房突然关门老板失联，预付的年卡无法退款，请市场监管部门处理。'])[1 + g % 10],
  d,
  (ARRAY['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴'])[1 + g % 10]
    || (ARRAY['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'])[1 + (g / 10) % 10],
  'bench', md5('id' || (g % 700000)::text), 'bench', md5('phone' || g::text),
  st, reg, d || '-xfj',
  CASE WHEN st IN ('registered', 'returned') THEN NULL ELSE 'transfer' END,
  lead, CASE WHEN lead IS NULL THEN NULL ELSE reg + interval '2 days' END,
  CASE WHEN st IN ('accepted', 'extension-requested', 'replied', 'under-review', 'under-reexamination') THEN reg + interval '5 days' END,
  CASE WHEN st IN ('replied', 'under-review', 'under-reexamination') THEN reg + interval '40 days' END,
  CASE WHEN st IN ('under-review', 'under-reexamination') THEN d || '-gov' END,
  CASE WHEN st IN ('under-review', 'under-reexamination') THEN reg + interval '50 days' END,
  CASE WHEN st = 'under-reexamination' THEN substr(d, 1, 4) || '00-gov' END,
  CASE WHEN st = 'under-reexamination' THEN reg + interval '70 days' END,
  reg,
  jsonb_build_object('routeBy', reg + interval '15 days', 'acceptBy', reg + interval '17 days',
    'objectBy', NULL, 'reportBy', NULL, 'concludeBy', NULL, 'reviewRequestBy', NULL,
    'reviewDecideBy', NULL, 'reexaminationRequestBy', NULL, 'reexaminationDecideBy', NULL),
  kind, due, due - interval '3 days',
  CASE WHEN due < t0 THEN kind || '@' || to_char(due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
  CASE WHEN reg < t0 - interval '90 days' THEN reg + interval '90 days' END,
  CASE
    WHEN st IN ('registered', 'returned') THEN ARRAY[d || '-xfj:clerk', d || '-xfj:handler']
    WHEN st = 'extension-requested' THEN ARRAY[lead || ':handler', lead || ':leader']
    WHEN st = 'under-review' THEN ARRAY[d || '-gov:handler']
    WHEN st = 'under-reexamination' THEN ARRAY[substr(d, 1, 4) || '00-gov:handler']
    ELSE ARRAY[lead || ':handler']
  END
FROM (
  SELECT g, d, st, reg, t0,
    CASE WHEN st IN ('registered', 'returned') THEN NULL
         ELSE d || '-' || (ARRAY['zjj', 'jtj', 'rsj', 'zrj', 'sthjj', 'scjgj', 'jyj'])[1 + floor(r_dept * 7)::int] END AS lead,
    CASE WHEN st IN ('registered', 'returned') THEN 'routeBy'
         WHEN st IN ('transferred', 'assigned') THEN 'acceptBy'
         WHEN st = 'under-review' THEN 'reviewDecideBy'
         WHEN st = 'under-reexamination' THEN 'reexaminationDecideBy'
         ELSE 'concludeBy' END AS kind,
    CASE WHEN g % 200 = 0 THEN t0 - (1 + r_due * 10) * interval '1 day'
         WHEN g % 100 = 0 THEN t0 + r_due * 2 * interval '1 day'
         ELSE t0 + (3.5 + r_due * 55) * interval '1 day' END AS due
  FROM (
    SELECT g, t0, r_dept, r_due,
      codes[1 + floor(power(r_div, 2) * n)::int] AS d,
      t0 - r_time * interval '730 days' AS reg,
      CASE WHEN r_st < 0.12 THEN 'registered' WHEN r_st < 0.20 THEN 'transferred'
           WHEN r_st < 0.24 THEN 'assigned' WHEN r_st < 0.25 THEN 'returned'
           WHEN r_st < 0.75 THEN 'accepted' WHEN r_st < 0.77 THEN 'extension-requested'
           WHEN r_st < 0.92 THEN 'replied' WHEN r_st < 0.97 THEN 'under-review'
           ELSE 'under-reexamination' END AS st
    FROM (
      SELECT g, t0, n, codes, random() AS r_div, random() AS r_time, random() AS r_st,
             random() AS r_dept, random() AS r_due
      FROM params, generate_series(1, $2::int) AS g
    ) AS r
  ) AS c
) AS x`;
