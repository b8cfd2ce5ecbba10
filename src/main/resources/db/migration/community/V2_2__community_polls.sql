-- community: one poll per thread (single or multiple choice, optional closing time). A member votes once;
-- community_poll_voters is the guard that makes "once" hold under concurrency, the counts live on the options.
alter table community_threads add column has_poll boolean not null default false;

create table community_polls (
    thread_id  bigint      primary key references community_threads (id),
    question   text        not null,
    multiple   boolean     not null,
    closes_at  timestamptz,
    voters     int         not null default 0,
    created_at timestamptz not null default now()
);

create table community_poll_options (
    id        bigint generated always as identity primary key,
    thread_id bigint not null references community_polls (thread_id),
    position  int    not null,
    label     text   not null,
    votes     int    not null default 0,
    unique (thread_id, position)
);

create table community_poll_voters (
    thread_id bigint      not null references community_polls (thread_id),
    user_id   bigint      not null,
    voted_at  timestamptz not null default now(),
    primary key (thread_id, user_id)
);

create table community_poll_votes (
    option_id bigint not null references community_poll_options (id),
    thread_id bigint not null,
    user_id   bigint not null,
    primary key (option_id, user_id)
);
create index community_poll_votes_voter on community_poll_votes (thread_id, user_id);
