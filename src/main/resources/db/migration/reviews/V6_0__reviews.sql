-- reviews: product reviews with photos, helpful votes, brand replies, edit history, per-product rating summaries,
-- and review-request mail after delivery.
create table reviews (
    id                bigserial primary key,
    product_id        bigint not null,
    product_slug      text   not null,
    author_id         bigint not null,
    rating            smallint not null check (rating between 1 and 5),
    title             text   not null default '',
    body              text   not null,
    photos            text[] not null default '{}',
    verified_purchase boolean not null default false,
    -- set by staff only (sample campaigns, points or coupons for reviewing); author edits never touch it
    incentivized      boolean not null default false,
    status            text   not null default 'published' check (status in ('published', 'pending', 'hidden')),
    hidden_reason     text,
    helpful_count     int    not null default 0 check (helpful_count >= 0),
    reply_body        text,
    reply_by          bigint,
    reply_at          timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    edited_at         timestamptz,
    unique (product_id, author_id)
);
create index reviews_newest on reviews (product_id, created_at desc, id desc) where status = 'published';
create index reviews_helpful on reviews (product_id, helpful_count desc, id desc) where status = 'published';
create index reviews_rating on reviews (product_id, rating desc, created_at desc, id desc) where status = 'published';
create index reviews_author on reviews (author_id);

-- earlier versions of a review, written when its author edits it
create table review_revisions (
    id          bigserial primary key,
    review_id   bigint not null references reviews (id) on delete cascade,
    rating      smallint not null,
    title       text not null,
    body        text not null,
    photos      text[] not null,
    written_at  timestamptz not null
);
create index review_revisions_review on review_revisions (review_id, id);

create table review_helpful_votes (
    review_id  bigint not null references reviews (id) on delete cascade,
    member_id  bigint not null,
    primary key (review_id, member_id)
);

-- one row per product, changed by a single statement in the writing transaction: counts only published reviews
create table review_summaries (
    product_id  bigint primary key,
    count       int    not null default 0 check (count >= 0),
    sum         bigint not null default 0 check (sum >= 0),
    s1          int    not null default 0 check (s1 >= 0),
    s2          int    not null default 0 check (s2 >= 0),
    s3          int    not null default 0 check (s3 >= 0),
    s4          int    not null default 0 check (s4 >= 0),
    s5          int    not null default 0 check (s5 >= 0)
);

-- a review request per delivered order line, mailed once after the configured number of days
create table review_requests (
    order_id    bigint not null,
    product_id  bigint not null,
    buyer_id    bigint not null,
    due_at      timestamptz not null,
    sent_at     timestamptz,
    primary key (order_id, product_id)
);
create index review_requests_due on review_requests (due_at) where sent_at is null;
