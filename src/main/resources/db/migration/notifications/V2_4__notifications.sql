-- notifications: who follows what, the notifications members read, their email settings, and an inbox of
-- community happenings that a worker fans out (so a reply pays for one insert, not for every follower).

create table notification_follows (
    target_type text        not null check (target_type in ('thread', 'space')),
    target_id   bigint      not null,
    user_id     bigint      not null,
    created_at  timestamptz not null default now(),
    primary key (target_type, target_id, user_id)
);
create index notification_follows_user on notification_follows (user_id, target_type, target_id);

-- written in the community's transaction; a worker on any node takes rows with skip locked and deletes them
create table notification_inbox (
    id        bigint generated always as identity primary key,
    kind      text        not null check (kind in ('thread_started', 'post_published', 'post_edited', 'answer_accepted')),
    thread_id bigint      not null,
    space_id  bigint,
    post_id   bigint,
    actor_id  bigint      not null,
    subject_id bigint,
    opening   boolean     not null default false,
    mentioned bigint[]    not null default '{}',
    at        timestamptz not null default now()
);

create table notifications (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null,
    kind       text        not null check (kind in ('reply', 'new_thread', 'mention', 'accepted')),
    thread_id  bigint      not null,
    post_id    bigint,
    actor_id   bigint,
    count      int         not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    read_at    timestamptz,
    emailed_at timestamptz
);
create index notifications_list on notifications (user_id, updated_at desc, id desc);
create index notifications_unread on notifications (user_id) where read_at is null;
create index notifications_pending_mail on notifications (user_id) where read_at is null and emailed_at is null;
-- unread replies in one thread collapse into one notification ("3 new replies")
create unique index notifications_unread_activity on notifications (user_id, thread_id, kind)
    where read_at is null and kind in ('reply', 'new_thread');
-- a post mentions or gets accepted for a member once, however often it is edited
create unique index notifications_personal on notifications (user_id, post_id, kind) where kind in ('mention', 'accepted');

create table notification_settings (
    user_id           bigint      primary key,
    email_mentions    text        not null default 'instant' check (email_mentions in ('instant', 'daily', 'off')),
    email_activity    text        not null default 'daily' check (email_activity in ('instant', 'daily', 'off')),
    unsubscribe_token text        not null unique
                      default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
    last_digest_at    timestamptz,
    updated_at        timestamptz not null default now()
);
create index notification_settings_digest on notification_settings (last_digest_at)
    where email_mentions = 'daily' or email_activity = 'daily';
