-- A variant's stock is split over 8 counter rows so that concurrent orders of one hot item (a limited drop) lock
-- different rows and their commits can share a WAL flush, instead of queueing behind one row lock until each commits.
-- The variant's stock is the sum of its slots; every slot stays >= 0, so the sum does too.
create table store_stock_slots (
    variant_id bigint   not null references store_variants (id) on delete cascade,
    slot       smallint not null check (slot between 0 and 7),
    stock      int      not null check (stock >= 0),
    primary key (variant_id, slot)
);

insert into store_stock_slots (variant_id, slot, stock)
select v.id, s.slot, v.stock / 8 + case when s.slot < v.stock % 8 then 1 else 0 end
from store_variants v cross join generate_series(0, 7) as s (slot);

alter table store_variants drop column stock;
