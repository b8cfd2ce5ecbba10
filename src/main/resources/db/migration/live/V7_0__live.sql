-- live: shows, their durable event log (one increasing sequence per show), chat and questions, per-show member state,
-- reminders, viewer presence per node, and orders attributed to a show.
create table live_sessions (
    id                 bigserial primary key,
    title              text not null,
    description        text not null default '',
    stream_url         text not null,
    visibility         text not null default 'public' check (visibility in ('public', 'members')),
    state              text not null default 'scheduled' check (state in ('scheduled', 'live', 'ended')),
    starts_at          timestamptz not null,
    started_at         timestamptz,
    ended_at           timestamptz,
    pinned_sku         text,
    slow_mode_seconds  int not null default 0 check (slow_mode_seconds between 0 and 3600),
    -- the last event's sequence number: taking the next one locks this row until commit, so events commit in order
    last_seq           bigint not null default 0,
    peak_viewers       int not null default 0,
    reactions          bigint not null default 0,
    created_by         bigint not null,
    created_at         timestamptz not null default now()
);
create index live_sessions_starts on live_sessions (starts_at desc, id desc);
create index live_sessions_state on live_sessions (state, starts_at, id);

create table live_session_skus (
    session_id  bigint not null references live_sessions (id),
    sku         text not null,
    position    int not null,
    primary key (session_id, sku)
);

-- what the real-time channel sends, in order; Last-Event-ID is the seq
create table live_events (
    session_id  bigint not null references live_sessions (id),
    seq         bigint not null,
    kind        text not null,
    payload     text not null,
    created_at  timestamptz not null default now(),
    primary key (session_id, seq)
);

create table live_messages (
    id          bigserial primary key,
    session_id  bigint not null references live_sessions (id),
    author_id   bigint not null,
    kind        text not null check (kind in ('chat', 'question', 'answer')),
    body        text not null,
    reply_to    bigint references live_messages (id),
    status      text not null default 'published' check (status in ('published', 'held', 'deleted', 'hidden')),
    answered_at timestamptz,
    by_staff    boolean not null default false,
    event_seq   bigint,
    created_at  timestamptz not null default now()
);
create index live_messages_session on live_messages (session_id, id);
create index live_messages_questions on live_messages (session_id, id) where kind = 'question';
create index live_messages_replies on live_messages (reply_to) where reply_to is not null;
create index live_messages_author on live_messages (author_id);

-- a member's state in one show: when they last posted (slow mode) and whether staff muted them
create table live_participants (
    session_id      bigint not null references live_sessions (id),
    user_id         bigint not null,
    last_posted_at  timestamptz,
    muted_at        timestamptz,
    muted_by        bigint,
    primary key (session_id, user_id)
);

create table live_reminders (
    session_id  bigint not null references live_sessions (id),
    user_id     bigint not null,
    created_at  timestamptz not null default now(),
    due         boolean not null default false,
    sent_at     timestamptz,
    primary key (session_id, user_id)
);
create index live_reminders_due on live_reminders (session_id) where due and sent_at is null;
create index live_reminders_user on live_reminders (user_id);

-- each node's current viewer count per show, refreshed every few seconds; the show's count is the sum of fresh rows
create table live_presence (
    session_id  bigint not null,
    node_id     text not null,
    viewers     int not null,
    updated_at  timestamptz not null default now(),
    primary key (session_id, node_id)
);

-- viewers over time for the report: each node's count per 15-second bucket
create table live_viewer_samples (
    session_id  bigint not null,
    at          timestamptz not null,
    node_id     text not null,
    viewers     int not null,
    primary key (session_id, at, node_id)
);

-- who watched while the show was live: 'u:<member id>' or 'a:<random key of an anonymous browser>'
create table live_unique_viewers (
    session_id  bigint not null,
    viewer      text not null,
    first_seen  timestamptz not null default now(),
    primary key (session_id, viewer)
);

-- orders placed from a show (the store's order source live:<id>)
create table live_orders (
    order_id     bigint primary key,
    session_id   bigint not null references live_sessions (id),
    buyer_id     bigint not null,
    total        int not null,
    during_live  boolean not null,
    cancelled    boolean not null default false,
    created_at   timestamptz not null default now()
);
create index live_orders_session on live_orders (session_id, created_at);
create index live_orders_buyer on live_orders (buyer_id);
