-- community: how far each member has read each thread (a trust-level signal, flushed in batches), newcomers' first
-- posts that an ambassador welcomed, and time indexes for the community-health figures.
create table community_read_positions (
    user_id      bigint      not null,
    thread_id    bigint      not null references community_threads (id),
    last_post_id bigint      not null,
    posts_read   int         not null,
    read_at      timestamptz not null default now(),
    primary key (user_id, thread_id)
);

create table community_welcomes (
    post_id       bigint primary key references community_posts (id),
    author_id     bigint      not null,
    welcomed_by   bigint      not null,
    reply_post_id bigint,
    welcomed_at   timestamptz not null default now()
);

create index community_posts_created on community_posts (created_at);
create index community_reactions_created on community_reactions (created_at);

-- why a locked thread was closed ('off_topic' when an ambassador closed it as off-topic); null for a plain lock
alter table community_threads add column closed_reason text;
