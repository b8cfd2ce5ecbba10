-- store: catalog with variants and stock, orders with their lines, shop settings.
create table store_settings (
    id                   int primary key default 1 check (id = 1),
    shop_name            text not null default 'Kizuna Store',
    invoice_number       text not null default '',
    shipping_fee         int  not null default 800 check (shipping_fee >= 0),
    free_shipping_from   int  not null default 10000 check (free_shipping_from >= 0),
    cod_fee              int  not null default 330 check (cod_fee >= 0),
    payment_days         int  not null default 7 check (payment_days between 1 and 60),
    legal_notice         text not null default '',
    updated_at           timestamptz not null default now()
);
insert into store_settings default values;

create table store_products (
    id              bigserial primary key,
    slug            text not null unique,
    name            text not null,
    description     text not null default '',
    category        text not null default '',
    tax_rate        text not null check (tax_rate in ('standard', 'reduced')),
    visibility      text not null check (visibility in ('public', 'members')),
    images          text[] not null default '{}',
    active          boolean not null default true,
    created_by      bigint not null,
    created_at      timestamptz not null default now()
);
create index store_products_newest on store_products (created_at desc, id desc) where active;
create index store_products_category on store_products (category, created_at desc, id desc) where active;

create table store_variants (
    id            bigserial primary key,
    product_id    bigint not null references store_products (id),
    sku           text not null unique,
    name          text not null,
    price         int  not null check (price >= 0),
    member_price  int  check (member_price >= 0),
    stock         int  not null check (stock >= 0),
    position      int  not null default 0
);
create index store_variants_product on store_variants (product_id, position);

create table store_orders (
    id               bigserial primary key,
    buyer_id         bigint not null,
    status           text not null check (status in ('pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    payment_method   text not null check (payment_method in ('bank_transfer', 'konbini', 'cod', 'card')),
    subtotal         int not null,
    discount         int not null default 0,
    shipping         int not null,
    fee              int not null default 0,
    total            int not null,
    ship_name        text not null,
    postal_code      text not null,
    prefecture       text not null,
    city             text not null,
    line1            text not null,
    line2            text,
    phone            text not null,
    coupon_id        bigint,
    coupon_code      text,
    tracking_number  text,
    payment_ref      text,
    payment_due_at   timestamptz,
    created_at       timestamptz not null default now(),
    paid_at          timestamptz,
    shipped_at       timestamptz,
    delivered_at     timestamptz,
    cancelled_at     timestamptz,
    refunded_at      timestamptz
);
create index store_orders_buyer on store_orders (buyer_id, id desc);
create index store_orders_status on store_orders (status, id desc);
create index store_orders_due on store_orders (payment_due_at) where status = 'pending_payment' and payment_due_at is not null;

create table store_order_items (
    order_id      bigint not null references store_orders (id),
    line          int not null,
    product_id    bigint not null,
    variant_id    bigint not null,
    sku           text not null,
    product_name  text not null,
    variant_name  text not null,
    quantity      int not null check (quantity > 0),
    unit_price    int not null check (unit_price >= 0),
    tax_rate      int not null check (tax_rate in (8, 10)),
    primary key (order_id, line)
);
