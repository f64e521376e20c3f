-- Discovery: a "live now" filter. public.discover_creators gains only_live and returns the creator's live
-- stream (live = status 'live' and the studio reported in the last 2 minutes, as on the home page's Live
-- now list), so a card can say LIVE and link to the stream. New signature, so the old one is dropped.

drop function public.discover_creators(text, text, integer, integer, boolean, text, integer, integer);

create function public.discover_creators(
  q text default null, in_category text default null, min_price integer default null, max_price integer default null,
  only_available boolean default false, sort text default 'popular', page_size integer default 12, page integer default 1,
  only_live boolean default false)
returns table (id uuid, username text, display_name text, bio text, avatar_url text, category text,
  video_rate integer, voice_rate integer, available_now boolean, subscriber_count bigint, created_at timestamptz,
  total_count bigint, live_stream_id uuid)
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
           case when v_q is null then 0 else ts_rank(private.profile_search_doc(p.username, p.display_name, p.bio), v_q) end as rank,
           ls.id as live_stream_id
      from public.profiles p
      left join public.creator_listings l on l.creator_id = p.id
      left join public.call_settings s on s.creator_id = p.id
      left join public.live_streams ls on ls.creator_id = p.id and ls.status = 'live'
                                      and ls.creator_seen_at > now() - interval '2 minutes'
     where p.role = 'creator' and not p.is_banned
       and (v_q is null or private.profile_search_doc(p.username, p.display_name, p.bio) @@ v_q)
       and (in_category is null or l.category = in_category)
       and (min_price is null or s.video_rate >= min_price or s.voice_rate >= min_price)
       and (max_price is null or s.video_rate <= max_price or s.voice_rate <= max_price)
       and (min_price is null or max_price is null
            or s.video_rate between min_price and max_price or s.voice_rate between min_price and max_price)
       and (not coalesce(only_available, false) or s.available_now)
       and (not coalesce(only_live, false) or ls.id is not null)
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
         s.available_now, s.subs, s.created_at, count(*) over (), s.live_stream_id
    from scored s
   order by case when coalesce(sort, 'popular') = 'relevance' then s.rank end desc nulls last,
            case when coalesce(sort, 'popular') = 'newest' then s.created_at end desc nulls last,
            s.subs desc, s.earned desc, s.created_at desc, s.id
   limit v_size offset (v_page - 1) * v_size;
end;
$$;
revoke all on function public.discover_creators(text, text, integer, integer, boolean, text, integer, integer, boolean) from public;
grant execute on function public.discover_creators(text, text, integer, integer, boolean, text, integer, integer, boolean)
  to anon, authenticated, service_role;
