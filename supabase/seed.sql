-- Demo data for local development (`npm start`, `supabase db reset`). Runs as the migrating role after the
-- migrations, again whenever this file changes, so every statement here must be idempotent
-- (insert ... on conflict do nothing).

-- Demo lectures (示例): fixed ids, dates relative to when the seed first runs, so a fresh `npm start` shows a
-- schedule with upcoming and past events. Idempotent: on conflict do nothing.
insert into app.lecture_events (id, title, kind, description, speaker, venue, township, audience, starts_at, ends_at, capacity,
                                registration_opens_at, status, published_at)
values
  ('00000000-0000-4000-8000-00000000a001', '【示例】0–3 岁婴幼儿回应性照护家长讲堂', 'parent_class',
   '示例活动，用于演示报名流程：如何读懂宝宝的信号、建立规律作息。', '示例讲师（区妇幼保健计划生育服务中心）',
   '示例场地：区妇幼保健计划生育服务中心三楼会议室', '秋浦街道', '0–3 岁婴幼儿家长、孕晚期准父母',
   date_trunc('day', now()) + interval '14 days 1 hour', date_trunc('day', now()) + interval '14 days 2 hours 30 minutes', 40,
   now() - interval '1 day', 'published', now()),
  ('00000000-0000-4000-8000-00000000a002', '【示例】婴幼儿常见病预防与家庭护理健康知识讲座', 'health_talk',
   '示例活动：秋冬季呼吸道疾病预防、发热的家庭处理、何时就医。', '示例讲师（儿科医生）',
   '示例场地：池阳街道社区卫生服务中心', '池阳街道', '0–3 岁婴幼儿家长、祖辈照护人',
   date_trunc('day', now()) + interval '21 days 6 hours', date_trunc('day', now()) + interval '21 days 7 hours 30 minutes', 30,
   now() - interval '1 day', 'published', now()),
  ('00000000-0000-4000-8000-00000000a003', '【示例】托育机构保育人员安全培训', 'training',
   '示例活动：意外伤害预防与急救演练。', '示例讲师', '示例场地：殷汇镇卫生院', '殷汇镇', '托育机构保育人员',
   date_trunc('day', now()) + interval '30 days 1 hour', date_trunc('day', now()) + interval '30 days 5 hours', 25,
   now() - interval '1 day', 'published', now()),
  ('00000000-0000-4000-8000-00000000a004', '【示例】托育服务宣传月：科学育儿咨询日', 'publicity_month',
   '示例活动（已结束）：现场咨询与育儿资料发放。', '示例讲师', '示例场地：秋浦街道市民广场', '秋浦街道', '所有家庭',
   date_trunc('day', now()) - interval '20 days', date_trunc('day', now()) - interval '20 days' + interval '3 hours', 100,
   null, 'published', now() - interval '40 days')
on conflict on constraint lecture_events_pkey do nothing;
