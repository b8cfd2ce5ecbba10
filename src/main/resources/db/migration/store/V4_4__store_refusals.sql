-- store: ends a statement with an error, so that everything it wrote is undone even outside a transaction. An order
-- placed in one autocommitted statement calls it when the buyer's limit or the stock refuses the order.
create function store_refuse(reason text) returns text language plpgsql as $$
begin
  raise exception using errcode = 'KZ409', message = reason;
end $$;
