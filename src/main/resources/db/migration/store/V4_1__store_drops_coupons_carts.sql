-- store: limited drops (sale start, early access, per-member limits), coupons, carts.
alter table store_products
    add column sale_starts_at     timestamptz,
    add column early_access_from  timestamptz,
    add column per_member_limit   int check (per_member_limit > 0);

-- how many units of a limited product each member holds in live orders; the conditional upsert keeps it under the limit
create table store_member_purchases (
    user_id     bigint not null,
    product_id  bigint not null references store_products (id),
    quantity    int not null check (quantity >= 0),
    primary key (user_id, product_id)
);

create table store_coupons (
    id                bigserial primary key,
    code              text not null unique,
    kind              text not null check (kind in ('percent', 'fixed')),
    amount            int not null check (amount > 0),
    min_subtotal      int not null default 0,
    starts_at         timestamptz,
    ends_at           timestamptz,
    total_limit       int check (total_limit > 0),
    per_member_limit  int check (per_member_limit > 0),
    members_only      boolean not null default false,
    used              int not null default 0 check (used >= 0),
    created_at        timestamptz not null default now()
);

create table store_coupon_uses (
    coupon_id  bigint not null references store_coupons (id),
    user_id    bigint not null,
    uses       int not null check (uses >= 0),
    primary key (coupon_id, user_id)
);

-- a cart per member ('u:<id>') or per anonymous browser ('c:<random cookie>'); merged into the member's at sign-in
create table store_cart_items (
    cart_key    text not null,
    variant_id  bigint not null references store_variants (id),
    quantity    int not null check (quantity between 1 and 999),
    updated_at  timestamptz not null default now(),
    primary key (cart_key, variant_id)
);
create index store_cart_items_updated on store_cart_items (updated_at);
