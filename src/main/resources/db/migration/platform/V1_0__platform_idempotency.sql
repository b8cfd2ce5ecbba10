-- platform: stored results of writes made with an Idempotency-Key, so a retry replays instead of repeating.
create table platform_idempotency_keys (
    scope          text        not null,
    idem_key       text        not null,
    request_hash   text        not null,
    response_status int        not null,
    response_body  text        not null,
    created_at     timestamptz not null default now(),
    primary key (scope, idem_key)
);
create index platform_idempotency_keys_created on platform_idempotency_keys (created_at);
