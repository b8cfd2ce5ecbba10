-- where an order was placed from, as kind:id (a live show: live:12); null for the store's own pages and plain API calls
alter table store_orders add column source text;
