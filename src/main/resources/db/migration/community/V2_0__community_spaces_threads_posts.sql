-- community: spaces, threads, posts (with edit history), reactions, idea votes, and an audit trail of staff actions.
create table community_spaces (
    id          bigint generated always as identity primary key,
    slug        text        not null unique,
    name        text        not null,
    description text        not null default '',
    visibility  text        not null check (visibility in ('public', 'members', 'private')),
    created_by  bigint      not null,
    created_at  timestamptz not null default now()
);

-- members of private spaces (other visibilities need no list)
create table community_space_members (
    space_id bigint      not null references community_spaces (id) on delete cascade,
    user_id  bigint      not null,
    added_by bigint      not null,
    added_at timestamptz not null default now(),
    primary key (space_id, user_id)
);
create index community_space_members_user on community_space_members (user_id);

create table community_threads (
    id               bigint generated always as identity primary key,
    space_id         bigint      not null references community_spaces (id),
    kind             text        not null check (kind in ('discussion', 'question', 'idea', 'announcement')),
    title            text        not null,
    author_id        bigint      not null,
    status           text        not null default 'open',
    status_comment   text,
    accepted_post_id bigint,
    locked           boolean     not null default false,
    pinned           boolean     not null default false,
    post_count       int         not null default 0,
    vote_count       int         not null default 0,
    last_activity_at timestamptz not null default now(),
    created_at       timestamptz not null default now(),
    deleted_at       timestamptz
);
-- the space's thread list: pinned first, then newest activity; keyset pagination on (pinned, last_activity_at, id)
create index community_threads_list on community_threads (space_id, pinned desc, last_activity_at desc, id desc) where deleted_at is null;
create index community_threads_author on community_threads (author_id, id desc) where deleted_at is null;

create table community_posts (
    id               bigint generated always as identity primary key,
    thread_id        bigint      not null references community_threads (id),
    author_id        bigint      not null,
    body             text        not null,
    body_html        text        not null,
    reply_to_post_id bigint,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz,
    deleted_at       timestamptz,
    deleted_by       bigint
);
create index community_posts_thread on community_posts (thread_id, id);
create index community_posts_author on community_posts (author_id, id desc);

create table community_post_revisions (
    id        bigint generated always as identity primary key,
    post_id   bigint      not null references community_posts (id),
    body      text        not null,
    edited_by bigint      not null,
    edited_at timestamptz not null default now()
);
create index community_post_revisions_post on community_post_revisions (post_id, id);

create table community_reactions (
    post_id    bigint      not null references community_posts (id),
    user_id    bigint      not null,
    type       text        not null,
    created_at timestamptz not null default now(),
    primary key (post_id, user_id, type)
);

create table community_idea_votes (
    thread_id  bigint      not null references community_threads (id),
    user_id    bigint      not null,
    created_at timestamptz not null default now(),
    primary key (thread_id, user_id)
);

-- staff and author actions that change or remove content, kept for audit
create table community_audit (
    id          bigint generated always as identity primary key,
    actor_id    bigint      not null,
    action      text        not null,
    target_type text        not null,
    target_id   bigint      not null,
    detail      text,
    at          timestamptz not null default now()
);
create index community_audit_target on community_audit (target_type, target_id);
