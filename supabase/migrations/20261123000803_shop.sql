-- Creator shop: products (digital or physical, stock or unlimited), the atomic purchase, and orders with
-- the physical-goods state machine pending → shipped → completed. Digital orders are completed at once;
-- their file is never readable through the API (column grants) — buyers get a time-limited signed link.

create table public.products (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint products_kind check (kind in ('digital', 'physical')),
  name text not null constraint products_name check (char_length(btrim(name)) between 1 and 100),
  description text not null default '' constraint products_description check (char_length(description) <= 2000),
  image_urls text[] not null default '{}'
    constraint products_images check (cardinality(image_urls) <= 5 and array_position(image_urls, null) is null),
  price integer not null constraint products_price check (price between 1 and 1000000),
  stock integer constraint products_stock check (stock is null or stock >= 0),
  active boolean not null default true,
  download_url text constraint products_download check (download_url is null or (download_url ~ '^https?://' and char_length(download_url) <= 1000)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint products_digital_file check (kind = 'physical' or download_url is not null),
  constraint products_physical_no_file check (kind = 'digital' or download_url is null)
);
comment on column public.products.stock is 'Units left; null = unlimited. Decremented only by public.purchase_product under the row lock.';
comment on column public.products.download_url is 'The digital file. Not granted to any API role for reading: buyers get a signed, expiring link.';
create index products_creator_idx on public.products (creator_id, created_at desc);

alter table public.products enable row level security;
revoke all on public.products from anon, authenticated;
grant select (id, creator_id, kind, name, description, image_urls, price, stock, active, created_at, updated_at)
  on public.products to anon, authenticated;
grant insert (creator_id, kind, name, description, image_urls, price, stock, active, download_url),
  update (name, description, image_urls, price, stock, active, download_url) on public.products to authenticated;
grant all on public.products to service_role;
create policy products_select_visible on public.products for select to anon, authenticated
  using (active or creator_id = (select auth.uid()));
create policy products_insert_own on public.products for insert to authenticated
  with check (creator_id = (select auth.uid()) and (select private.current_role_name()) = 'creator');
create policy products_update_own on public.products for update to authenticated
  using (creator_id = (select auth.uid())) with check (creator_id = (select auth.uid()));
create trigger products_touch_updated_at before update on public.products
  for each row execute function private.touch_updated_at();

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id),
  buyer_id uuid not null references public.profiles (id),
  creator_id uuid not null references public.profiles (id),
  kind text not null constraint orders_kind check (kind in ('digital', 'physical')),
  product_name text not null,
  amount integer not null,
  fee integer not null,
  status text not null constraint orders_status check (status in ('pending', 'shipped', 'completed')),
  shipping_address jsonb,
  tracking text constraint orders_tracking check (tracking is null or char_length(tracking) <= 200),
  transfer_id bigint not null unique,
  created_at timestamptz not null default now(),
  shipped_at timestamptz,
  completed_at timestamptz,
  constraint orders_shipping check ((kind = 'physical') = (shipping_address is not null)),
  constraint orders_digital_completed check (kind = 'physical' or status = 'completed')
);
comment on column public.orders.product_name is 'The name at purchase time (the product may be renamed later).';
create index orders_buyer_idx on public.orders (buyer_id, created_at desc);
create index orders_creator_idx on public.orders (creator_id, created_at desc);
create index orders_product_idx on public.orders (product_id);

alter table public.orders enable row level security;
revoke all on public.orders from anon, authenticated;
grant select on public.orders to authenticated;
grant all on public.orders to service_role;
create policy orders_select_party on public.orders for select to authenticated
  using (buyer_id = (select auth.uid()) or creator_id = (select auth.uid()));

-- The purchase, atomically: lock the product row, check stock, move the tokens (buyer wallet → creator
-- earnings − fee, platform + fee; idempotency key per buyer), decrement stock, write the order. Two buyers
-- racing for the last unit serialise on the product lock: exactly one gets it, the other gets CO409.
-- A retry with the same idempotency key returns the first order.
create function public.purchase_product(product_id uuid, shipping_address jsonb, idempotency_key text)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_product public.products;
  v_order public.orders;
  v_fee bigint;
  v_tid bigint;
  v_replayed boolean;
  v_ship jsonb;
begin
  if idempotency_key is null or char_length(idempotency_key) not between 8 and 100 then
    raise exception 'An idempotency key of 8 to 100 characters is required' using errcode = 'CO422';
  end if;
  select p.* into v_product from public.products p
    join public.profiles c on c.id = p.creator_id and c.role = 'creator' and not c.is_banned
   where p.id = purchase_product.product_id
   for update of p;
  if v_product.id is null or not v_product.active then
    raise exception 'This product is not available' using errcode = 'CO404';
  end if;
  if v_product.creator_id = v_uid then
    raise exception 'You cannot buy your own product' using errcode = 'CO422';
  end if;
  if v_product.kind = 'physical' then
    v_ship := jsonb_strip_nulls(jsonb_build_object(
      'name', nullif(btrim(shipping_address ->> 'name'), ''),
      'line1', nullif(btrim(shipping_address ->> 'line1'), ''),
      'line2', nullif(btrim(shipping_address ->> 'line2'), ''),
      'city', nullif(btrim(shipping_address ->> 'city'), ''),
      'postalCode', nullif(btrim(shipping_address ->> 'postalCode'), ''),
      'country', upper(nullif(btrim(shipping_address ->> 'country'), ''))));
    if v_ship ->> 'name' is null or v_ship ->> 'line1' is null or v_ship ->> 'city' is null
       or v_ship ->> 'postalCode' is null or coalesce(v_ship ->> 'country', '') !~ '^[A-Z]{2}$'
       or length(v_ship::text) > 1000 then
      raise exception 'A shipping address (name, street, city, postal code, 2-letter country) is required' using errcode = 'CO422';
    end if;
  end if;
  select x.transfer_id, x.replayed into v_tid, v_replayed
    from ledger.transfer('order', 'order:' || v_uid::text, idempotency_key,
      array[ledger.account_for('fan_wallet', v_uid), ledger.account_for('creator_earnings', v_product.creator_id, 0),
            ledger.account_for('platform_revenue', null, 0)],
      array[-v_product.price::bigint, v_product.price - v_product.price::bigint * (select c.fee_bps from ledger.config c) / 10000,
            v_product.price::bigint * (select c.fee_bps from ledger.config c) / 10000],
      jsonb_build_object('memo', 'Order: ' || v_product.name, 'product_id', v_product.id,
                         'payer_id', v_uid, 'creator_id', v_product.creator_id)) x;
  if v_replayed then
    select o.* into v_order from public.orders o where o.transfer_id = v_tid;
    return v_order;
  end if;
  if v_product.stock is not null and v_product.stock < 1 then
    raise exception 'Sold out' using errcode = 'CO409';
  end if;
  v_fee := v_product.price::bigint * (select c.fee_bps from ledger.config c) / 10000;
  if v_product.stock is not null then
    update public.products p set stock = p.stock - 1 where p.id = v_product.id;
  end if;
  insert into public.orders (product_id, buyer_id, creator_id, kind, product_name, amount, fee, status,
                             shipping_address, transfer_id, completed_at)
  values (v_product.id, v_uid, v_product.creator_id, v_product.kind, v_product.name, v_product.price, v_fee,
          case v_product.kind when 'digital' then 'completed' else 'pending' end,
          v_ship, v_tid, case when v_product.kind = 'digital' then now() end)
  returning * into v_order;
  return v_order;
end;
$$;

-- Physical order transitions. Creator: pending → shipped (optional tracking), shipped → completed.
-- Buyer: shipped → completed (received). Everything else is CO409 (wrong state) or CO404 (not a party).
create function public.set_order_status(order_id uuid, status text, tracking text default null)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_order public.orders;
begin
  select o.* into v_order from public.orders o where o.id = set_order_status.order_id for update;
  if v_order.id is null or v_uid not in (v_order.buyer_id, v_order.creator_id) then
    raise exception 'Order not found' using errcode = 'CO404';
  end if;
  if v_order.kind <> 'physical' then
    raise exception 'Digital orders have no shipping status' using errcode = 'CO409';
  end if;
  if set_order_status.status = 'shipped' and v_order.status = 'pending' and v_uid = v_order.creator_id then
    update public.orders o set status = 'shipped', shipped_at = now(), tracking = nullif(btrim(set_order_status.tracking), '')
     where o.id = v_order.id returning * into v_order;
  elsif set_order_status.status = 'completed' and v_order.status = 'shipped' then
    update public.orders o set status = 'completed', completed_at = now()
     where o.id = v_order.id returning * into v_order;
  elsif set_order_status.status = 'shipped' and v_order.status = 'pending' then
    raise exception 'Only the creator marks an order shipped' using errcode = 'CO403';
  else
    raise exception 'An order that is % cannot become %', v_order.status, coalesce(set_order_status.status, 'null')
      using errcode = 'CO409';
  end if;
  return v_order;
end;
$$;

-- The file of a digital order, for its buyer only (the signed download route calls this as the buyer).
create function public.order_download_url(order_id uuid) returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_url text;
begin
  select p.download_url into v_url
    from public.orders o join public.products p on p.id = o.product_id
   where o.id = order_download_url.order_id and o.kind = 'digital' and o.buyer_id = (select auth.uid());
  if v_url is null then
    raise exception 'Only the buyer of a digital order can download it' using errcode = 'CO403';
  end if;
  return v_url;
end;
$$;

-- Service-side lookup for the signed link route (the signature proves the buyer asked for it).
create function private.order_download_url_for(p_order_id uuid, p_buyer uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.download_url from public.orders o join public.products p on p.id = o.product_id
   where o.id = p_order_id and o.kind = 'digital' and o.buyer_id = p_buyer
$$;

revoke all on function public.purchase_product(uuid, jsonb, text), public.set_order_status(uuid, text, text),
  public.order_download_url(uuid), private.order_download_url_for(uuid, uuid) from public, anon;
grant execute on function public.purchase_product(uuid, jsonb, text), public.set_order_status(uuid, text, text),
  public.order_download_url(uuid) to authenticated, service_role;
grant execute on function private.order_download_url_for(uuid, uuid) to service_role;
