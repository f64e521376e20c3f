-- Discovery: creator categories, full-text search over name / username / bio (GIN), filters on call price
-- and "available now", popularity (live subscribers, then earnings of the last 30 days) or newest, and
-- fans' saved creators.

-- ---------------------------------------------------------------------------------------------------
-- search document: an expression GIN index on profiles (the 'simple' config: names are not English words)
-- ---------------------------------------------------------------------------------------------------
create function private.profile_search_doc(p_username text, p_display_name text, p_bio text) returns tsvector
language sql
immutable
set search_path = ''
as $$
  select setweight(pg_catalog.to_tsvector('simple'::regconfig, coalesce(p_display_name, '') || ' ' || coalesce(p_username, '')
                                          || ' ' || pg_catalog.replace(coalesce(p_username, ''), '_', ' ')), 'A')
      || setweight(pg_catalog.to_tsvector('simple'::regconfig, coalesce(p_bio, '')), 'B')
$$;
grant execute on function private.profile_search_doc(text, text, text) to authenticated, service_role;
create index profiles_search_idx on public.profiles
  using gin (private.profile_search_doc(username, display_name, bio)) where role = 'creator' and not is_banned;

-- A search box → a prefix tsquery ("lun veg" → 'lun':* & 'veg':*): only letters, digits and _ survive, so
-- no tsquery syntax can be injected; null when nothing is left.
create function private.search_query(p_q text) returns tsquery
language sql
immutable
set search_path = ''
as $$
  select case when count(*) = 0 then null
              else pg_catalog.to_tsquery('simple'::regconfig, string_agg(w || ':*', ' & ')) end
    from (select w from regexp_split_to_table(lower(left(coalesce(p_q, ''), 100)), '[^[:alnum:]_]+') w
           where w <> '' limit 8) x
$$;
grant execute on function private.search_query(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- category (one per creator, from a fixed list)
-- ---------------------------------------------------------------------------------------------------
create table public.creator_listings (
  creator_id uuid primary key references public.profiles (id) on delete cascade,
  category text not null constraint creator_listings_category check (category in (
    'music', 'fitness', 'art', 'gaming', 'education', 'lifestyle', 'comedy', 'tech', 'other')),
  updated_at timestamptz not null default now()
);
create index creator_listings_category_idx on public.creator_listings (category);
alter table public.creator_listings enable row level security;
revoke all on public.creator_listings from anon, authenticated;
grant select on public.creator_listings to anon, authenticated;
grant insert, update on public.creator_listings to authenticated;
grant all on public.creator_listings to service_role;
create policy creator_listings_select_all on public.creator_listings for select to anon, authenticated using (true);
create policy creator_listings_insert_own on public.creator_listings for insert to authenticated
  with check (creator_id = (select auth.uid()) and (select private.current_role_name()) = 'creator');
create policy creator_listings_update_own on public.creator_listings for update to authenticated
  using (creator_id = (select auth.uid())) with check (creator_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------------
-- saved creators (bookmarks)
-- ---------------------------------------------------------------------------------------------------
create table public.saved_creators (
  fan_id uuid not null references public.profiles (id) on delete cascade,
  creator_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (fan_id, creator_id),
  constraint saved_creators_not_self check (fan_id <> creator_id)
);
create index saved_creators_creator_idx on public.saved_creators (creator_id);
alter table public.saved_creators enable row level security;
revoke all on public.saved_creators from anon, authenticated;
grant select, insert, delete on public.saved_creators to authenticated;
grant all on public.saved_creators to service_role;
create policy saved_creators_select_own on public.saved_creators for select to authenticated
  using (fan_id = (select auth.uid()));
create policy saved_creators_insert_own on public.saved_creators for insert to authenticated
  with check (fan_id = (select auth.uid())
              and exists (select 1 from public.profiles p where p.id = creator_id and p.role = 'creator' and not p.is_banned));
create policy saved_creators_delete_own on public.saved_creators for delete to authenticated
  using (fan_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------------
-- the browse query (anyone). SECURITY DEFINER because popularity reads what visitors cannot: other fans'
-- subscriptions and ledger earnings — only the order and the subscriber count come out, never amounts.
-- sort: 'popular' (default), 'newest', 'relevance' (needs q). Price filters match a creator with a video
-- or voice rate inside [min_price, max_price].
-- ---------------------------------------------------------------------------------------------------
create function public.discover_creators(
  q text default null, in_category text default null, min_price integer default null, max_price integer default null,
  only_available boolean default false, sort text default 'popular', page_size integer default 12, page integer default 1)
returns table (id uuid, username text, display_name text, bio text, avatar_url text, category text,
  video_rate integer, voice_rate integer, available_now boolean, subscriber_count bigint, created_at timestamptz,
  total_count bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_q tsquery := private.search_query(q);
  v_size integer := least(greatest(coalesce(page_size, 12), 1), 50);
  v_page integer := greatest(coalesce(page, 1), 1);
begin
  if sort is not null and sort not in ('popular', 'newest', 'relevance') then
    raise exception 'Unknown sort %', sort using errcode = 'CO422';
  end if;
  if min_price is not null and max_price is not null and min_price > max_price then
    raise exception 'The minimum price is above the maximum' using errcode = 'CO422';
  end if;
  return query
  with hits as (
    select p.id, p.username, p.display_name, p.bio, p.avatar_url, l.category, s.video_rate, s.voice_rate,
           coalesce(s.available_now, false) as available_now, p.created_at,
           case when v_q is null then 0 else ts_rank(private.profile_search_doc(p.username, p.display_name, p.bio), v_q) end as rank
      from public.profiles p
      left join public.creator_listings l on l.creator_id = p.id
      left join public.call_settings s on s.creator_id = p.id
     where p.role = 'creator' and not p.is_banned
       and (v_q is null or private.profile_search_doc(p.username, p.display_name, p.bio) @@ v_q)
       and (in_category is null or l.category = in_category)
       and (min_price is null or s.video_rate >= min_price or s.voice_rate >= min_price)
       and (max_price is null or s.video_rate <= max_price or s.voice_rate <= max_price)
       and (min_price is null or max_price is null
            or s.video_rate between min_price and max_price or s.voice_rate between min_price and max_price)
       and (not coalesce(only_available, false) or s.available_now)
  ),
  scored as (
    select h.*,
           (select count(*) from public.subscriptions x where x.creator_id = h.id and x.status in ('active', 'grace')) as subs,
           (select coalesce(sum(e.amount), 0) from ledger.accounts a
              join ledger.entries e on e.account_id = a.id and e.amount > 0
              join ledger.transfers t on t.id = e.transfer_id and t.created_at > now() - interval '30 days'
             where a.kind = 'creator_earnings' and a.owner_id = h.id) as earned
      from hits h
  )
  select s.id, s.username, s.display_name, s.bio, s.avatar_url, s.category, s.video_rate, s.voice_rate,
         s.available_now, s.subs, s.created_at, count(*) over ()
    from scored s
   order by case when coalesce(sort, 'popular') = 'relevance' then s.rank end desc nulls last,
            case when coalesce(sort, 'popular') = 'newest' then s.created_at end desc nulls last,
            s.subs desc, s.earned desc, s.created_at desc, s.id
   limit v_size offset (v_page - 1) * v_size;
end;
$$;
revoke all on function public.discover_creators(text, text, integer, integer, boolean, text, integer, integer) from public;
grant execute on function public.discover_creators(text, text, integer, integer, boolean, text, integer, integer)
  to anon, authenticated, service_role;
