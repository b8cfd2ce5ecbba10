-- UGC gallery: members' photos tagged with products, likes, and staff features for product and home pages
create table ugc_posts (
    id           bigserial primary key,
    author_id    bigint not null,
    photo        text   not null,
    caption      text   not null default '',
    status       text   not null default 'published' check (status in ('published', 'pending', 'hidden')),
    hidden_reason text,
    like_count   int    not null default 0 check (like_count >= 0),
    featured_at  timestamptz,
    created_at   timestamptz not null default now()
);
create index ugc_posts_newest on ugc_posts (id desc) where status = 'published';
create index ugc_posts_featured on ugc_posts (featured_at desc, id desc) where status = 'published' and featured_at is not null;
create index ugc_posts_author on ugc_posts (author_id);

create table ugc_post_products (
    post_id     bigint not null references ugc_posts (id) on delete cascade,
    product_id  bigint not null,
    slug        text   not null,
    name        text   not null,
    primary key (post_id, product_id)
);
create index ugc_post_products_product on ugc_post_products (product_id, post_id desc);

create table ugc_likes (
    post_id    bigint not null references ugc_posts (id) on delete cascade,
    member_id  bigint not null,
    primary key (post_id, member_id)
);
