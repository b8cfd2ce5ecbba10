-- mail: every outgoing mail is written here in the sender's transaction, then delivered by SMTP
-- (status pending -> sent/failed) or, with no SMTP configured, kept for staff to read (status held).
create table mail_outbox (
    id              bigint generated always as identity primary key,
    to_address      text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null check (status in ('pending', 'sent', 'held', 'failed')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'pending';
create index mail_outbox_to on mail_outbox (lower(to_address));
