-- moderation: reports merged into cases, the staff audit log (which is also the list of actions appeals refer to),
-- sanctions, appeals, escalation routes, per-space grants, banned words, guidelines.

-- the hidden / held state of community content stays with the community rows (the owning module keeps it)
alter table community_threads add column moderation text check (moderation in ('hidden', 'held')),
    add column moderation_reason text;
alter table community_posts add column moderation text check (moderation in ('hidden', 'held')),
    add column moderation_reason text;
-- hiding and restoring must reach the search index like a delete does
drop trigger community_threads_changed on community_threads;
create trigger community_threads_changed after insert or update of title, space_id, deleted_at, accepted_post_id, kind, moderation
    on community_threads for each row execute function community_log_thread_change();
drop trigger community_posts_changed on community_posts;
create trigger community_posts_changed after insert or update of body, deleted_at, moderation
    on community_posts for each row execute function community_log_post_change();

create table moderation_cases (
    id                bigint generated always as identity primary key,
    target_type       text        not null,
    target_id         text        not null,
    space_id          text,
    author_id         bigint,
    excerpt           text        not null default '',
    url               text,
    status            text        not null default 'open' check (status in ('open', 'escalated', 'resolved')),
    resolution        text,
    route             text,
    reasons           text[]      not null default '{}',
    report_count      int         not null default 0,
    held              boolean     not null default false,
    opened_at         timestamptz not null default now(),
    first_response_at timestamptz,
    resolved_at       timestamptz
);
-- reports on a target merge into its one unresolved case
create unique index moderation_cases_live on moderation_cases (target_type, target_id) where status <> 'resolved';
-- the queue: unresolved cases, oldest first, keyset on (opened_at, id)
create index moderation_cases_queue on moderation_cases (opened_at, id) where status <> 'resolved';
create index moderation_cases_all on moderation_cases (opened_at desc, id desc);
create index moderation_cases_author on moderation_cases (author_id, id desc);

create table moderation_reports (
    id          bigint generated always as identity primary key,
    case_id     bigint      not null references moderation_cases (id),
    target_type text        not null,
    target_id   text        not null,
    reporter_id bigint      not null,
    reason      text        not null,
    note        text,
    created_at  timestamptz not null default now(),
    unique (target_type, target_id, reporter_id)
);
create index moderation_reports_case on moderation_reports (case_id, id);

-- every staff action and permission change; case actions carry their case
create table moderation_audit (
    id          bigint generated always as identity primary key,
    actor_id    bigint      not null,
    action      text        not null,
    case_id     bigint references moderation_cases (id),
    target_type text,
    target_id   text,
    subject_id  bigint,
    space_id    text,
    detail      text,
    at          timestamptz not null default now()
);
create index moderation_audit_at on moderation_audit (at desc, id desc);
create index moderation_audit_case on moderation_audit (case_id, id);
create index moderation_audit_subject on moderation_audit (subject_id, id desc);

create table moderation_sanctions (
    user_id         bigint primary key,
    suspended_until timestamptz,
    banned          boolean     not null default false,
    reason          text,
    updated_at      timestamptz not null default now()
);

create table moderation_appeals (
    id           bigint generated always as identity primary key,
    audit_id     bigint      not null unique references moderation_audit (id),
    appellant_id bigint      not null,
    body         text        not null,
    status       text        not null default 'pending' check (status in ('pending', 'upheld', 'overturned')),
    decided_by   bigint,
    decision_note text,
    created_at   timestamptz not null default now(),
    decided_at   timestamptz
);
create index moderation_appeals_pending on moderation_appeals (created_at, id) where status = 'pending';

create table moderation_routes (
    code       text primary key,
    name       text        not null,
    staff_ids  bigint[]    not null default '{}',
    updated_at timestamptz not null default now()
);

create table moderation_space_grants (
    user_id    bigint      not null,
    space_id   text        not null,
    role       text        not null check (role in ('moderator', 'ambassador')),
    granted_by bigint      not null,
    granted_at timestamptz not null default now(),
    primary key (user_id, space_id, role)
);

create table moderation_banned_words (
    id         bigint generated always as identity primary key,
    word       text        not null,
    normalized text        not null unique,
    action     text        not null check (action in ('refuse', 'hold')),
    message    text,
    created_by bigint      not null,
    created_at timestamptz not null default now()
);

create table moderation_guidelines (
    version      int primary key,
    body         text        not null,
    material     boolean     not null,
    published_by bigint      not null,
    published_at timestamptz not null default now()
);

create table moderation_guideline_acceptances (
    user_id     bigint      not null,
    version     int         not null references moderation_guidelines (version),
    accepted_at timestamptz not null default now(),
    primary key (user_id, version)
);

-- a counter every node compares to know its word list is stale
create table moderation_versions (
    name    text primary key,
    version bigint not null
);
insert into moderation_versions values ('banned_words', 0), ('guidelines', 0);
