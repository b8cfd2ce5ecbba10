-- identity: members, their API tokens, one-time email tokens, and web sessions (Spring Session JDBC).
create table identity_users (
    id                  bigint generated always as identity primary key,
    email               text        not null,
    email_verified_at   timestamptz,
    password_hash       text,
    display_name        text        not null,
    family_name         text,
    given_name          text,
    family_name_kana    text,
    given_name_kana     text,
    role                text        not null default 'member'
                        check (role in ('owner', 'admin', 'moderator', 'ambassador', 'member')),
    locale              text        not null default 'ja',
    failed_logins       int         not null default 0,
    login_blocked_until timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    erased_at           timestamptz
);
-- an erased member frees the address for a new account
create unique index identity_users_email on identity_users (lower(email)) where erased_at is null;

create table identity_api_tokens (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references identity_users (id) on delete cascade,
    token_hash   bytea       not null unique,
    name         text        not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index identity_api_tokens_user on identity_api_tokens (user_id, id desc);

create table identity_email_tokens (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references identity_users (id) on delete cascade,
    purpose    text        not null check (purpose in ('verify_email', 'reset_password')),
    token_hash bytea       not null unique,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index identity_email_tokens_user on identity_email_tokens (user_id, purpose);

create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
