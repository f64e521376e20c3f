-- Live shopping: a creator pins one of their own active products on their live stream; viewers see it on the
-- stream page and buy it there (through the existing public.purchase_product). A pin or unpin is an
-- on-screen event numbered with the tips and gifts (stream_events.seq under the stream row lock), so every
-- screen shows it in the same order. A pin is shown only while the stream is live and the product is active;
-- a sold-out pinned product stays on screen marked sold out.

-- ---------------------------------------------------------------------------------------------------
-- the pin
-- ---------------------------------------------------------------------------------------------------
alter table public.live_streams
  add column pinned_product_id uuid references public.products (id) on delete set null,
  add column pinned_at timestamptz,
  add constraint live_streams_pin_shape check ((pinned_product_id is null) = (pinned_at is null));
comment on column public.live_streams.pinned_product_id is 'The product the creator pinned on screen (set only through public.set_stream_pin; cleared when the stream ends).';

-- A stream that ends drops its pin (end_stream and the stale sweep both go through this update).
create function private.live_streams_clear_pin() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status = 'ended' then
    new.pinned_product_id := null;
    new.pinned_at := null;
  end if;
  return new;
end;
$$;
revoke all on function private.live_streams_clear_pin() from public, anon, authenticated;
create trigger live_streams_clear_pin before update of status on public.live_streams
  for each row when (new.status = 'ended') execute function private.live_streams_clear_pin();

-- ---------------------------------------------------------------------------------------------------
-- pin / unpin events next to tips and gifts
-- ---------------------------------------------------------------------------------------------------
-- Tips and gifts keep their shape (amount and ledger transfer); pins carry the product instead.
alter table public.stream_events
  alter column amount drop not null,
  alter column transfer_id drop not null,
  add column product_id uuid references public.products (id),
  drop constraint stream_events_kind,
  add constraint stream_events_kind check (kind in ('tip', 'gift', 'pin', 'unpin')),
  add constraint stream_events_paid_shape check ((kind in ('tip', 'gift')) = (amount is not null and transfer_id is not null)),
  add constraint stream_events_product_shape check ((kind in ('pin', 'unpin')) = (product_id is not null));
comment on column public.stream_events.product_id is 'For pin/unpin events: the product pinned or unpinned by the creator.';

-- Supporters are the people who paid: pins (by the creator, no amount) are not support.
create or replace function public.stream_top_supporters(stream_id uuid, max_rows integer default 10)
returns table (user_id uuid, username text, display_name text, total bigint, tips integer, gifts integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_creator uuid;
begin
  select s.creator_id into v_creator from public.live_streams s where s.id = stream_top_supporters.stream_id;
  if v_creator is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_creator is distinct from (select auth.uid()) and not (select private.is_admin()) then
    raise exception 'Only the creator can see this stream''s supporters' using errcode = 'CO403';
  end if;
  return query
    select e.sender_id, p.username, p.display_name, sum(e.amount)::bigint,
           (count(*) filter (where e.kind = 'tip'))::integer, (count(*) filter (where e.kind = 'gift'))::integer
      from public.stream_events e join public.profiles p on p.id = e.sender_id
     where e.stream_id = stream_top_supporters.stream_id and e.kind in ('tip', 'gift')
     group by e.sender_id, p.username, p.display_name
     order by sum(e.amount) desc, p.username
     limit least(greatest(coalesce(max_rows, 10), 1), 100);
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- set / clear the pin (the stream's creator, while live, own active in-stock product)
-- ---------------------------------------------------------------------------------------------------
-- product_id null unpins. Locks the stream row first (the same order as tips, presence and end_stream), so
-- the event takes the next seq. Pinning the product already pinned, or unpinning when nothing is pinned,
-- changes nothing and records no event (changed = false, seq null).
create function public.set_stream_pin(stream_id uuid, product_id uuid)
returns table (seq bigint, changed boolean)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_me uuid := private.require_active_user();
  v_s public.live_streams;
  v_p public.products;
  v_event_product uuid;
begin
  select s.* into v_s from public.live_streams s where s.id = set_stream_pin.stream_id for no key update;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_s.creator_id <> v_me then
    raise exception 'Only the creator of this stream can pin products' using errcode = 'CO403';
  end if;
  if v_s.status <> 'live' then
    raise exception 'This stream has ended' using errcode = 'CO409';
  end if;

  if set_stream_pin.product_id is null then
    if v_s.pinned_product_id is null then
      return query select null::bigint, false;
      return;
    end if;
    v_event_product := v_s.pinned_product_id;
    update public.live_streams s set pinned_product_id = null, pinned_at = null,
           last_event_seq = s.last_event_seq + 1
     where s.id = v_s.id;
  else
    select p.* into v_p from public.products p where p.id = set_stream_pin.product_id;
    if v_p.id is null then
      raise exception 'Product not found' using errcode = 'CO404';
    end if;
    if v_p.creator_id <> v_me then
      raise exception 'You can only pin your own products' using errcode = 'CO403';
    end if;
    if not v_p.active then
      raise exception 'This product is not active: turn it on in your shop first' using errcode = 'CO409';
    end if;
    if v_p.stock is not null and v_p.stock < 1 then
      raise exception 'This product is sold out' using errcode = 'CO409';
    end if;
    if v_s.pinned_product_id = v_p.id then
      return query select null::bigint, false;
      return;
    end if;
    v_event_product := v_p.id;
    update public.live_streams s set pinned_product_id = v_p.id, pinned_at = now(),
           last_event_seq = s.last_event_seq + 1
     where s.id = v_s.id;
  end if;

  insert into public.stream_events (stream_id, seq, kind, sender_id, product_id)
  values (v_s.id, v_s.last_event_seq + 1, case when set_stream_pin.product_id is null then 'unpin' else 'pin' end,
          v_me, v_event_product);
  return query select v_s.last_event_seq + 1, true;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- the pinned product as a viewer sees it
-- ---------------------------------------------------------------------------------------------------
-- Empty when the caller may not watch the stream, the stream is not live, nothing is pinned, or the pinned
-- product was deactivated since. A sold-out product is returned (stock 0) so the page can say so.
create function public.stream_pinned_product(stream_id uuid)
returns table (product_id uuid, kind text, name text, description text, image_url text, price integer,
               stock integer, pinned_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, p.kind, p.name, p.description, p.image_urls[1], p.price, p.stock, s.pinned_at
    from public.live_streams s
    join public.products p on p.id = s.pinned_product_id
   where s.id = stream_pinned_product.stream_id
     and s.status = 'live'
     and p.active
     and private.can_view_stream(s.id, (select auth.uid()))
$$;

revoke all on function public.set_stream_pin(uuid, uuid), public.stream_pinned_product(uuid)
  from public, anon, service_role;
grant execute on function public.set_stream_pin(uuid, uuid), public.stream_pinned_product(uuid) to authenticated;
