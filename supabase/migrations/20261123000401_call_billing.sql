-- Paid 1-on-1 calls, part 2: the state machine and per-minute billing.
--
-- Billing rule (also in the README and on every statement): the clock starts when both participants have
-- joined; a call is billed per started minute with a 10-second grace on the first minute — 0–10 s costs
-- nothing, 11–60 s one minute, 61–120 s two minutes, and so on — at the rate fixed when it was requested.
--
-- Funding: on connect one minute moves into a ledger hold; at each minute boundary the held minute is paid
-- (creator share + platform fee) and the next minute is held, in one transfer (ledger.roll_hold). When the
-- next minute cannot be held the call ends at that boundary ('insufficient_funds'). Ending posts what the
-- rule says is owed and returns the rest. Every paid minute is a public.call_minutes row keyed on
-- (call_id, minute_index), and every step runs under the call row's lock, so duplicate, late, lost or
-- post-end ticks cannot change the total: total = rate × rule(ended_at − connected_at).
--
-- Time: the public functions read the database clock (clock_timestamp(), after taking the call's lock);
-- the private ones take it as a parameter so tests can run them on frozen time. Only service_role may
-- call the private ones.

-- ---------------------------------------------------------------------------------------------------
-- the rule
-- ---------------------------------------------------------------------------------------------------
-- The three small SQL helpers below have no SET clause on purpose: that lets Postgres inline them into the
-- settlement functions (a SQL function with SET is planned again on every call). Every name in them is
-- schema-qualified or a pg_catalog built-in, which is always searched first.
create function private.call_billed_minutes(p_seconds bigint) returns integer
language sql
immutable
as $$
  select case when p_seconds <= 10 then 0 else ((p_seconds + 59) / 60)::integer end
$$;
comment on function private.call_billed_minutes(bigint) is
  'Whole seconds of a connected call → billed minutes: 0 up to 10 s, then one per started minute.';

create function private.call_seconds(p_from timestamptz, p_to timestamptz) returns bigint
language sql
immutable
as $$
  select floor(extract(epoch from (p_to - p_from)))::bigint
$$;

create function private.call_memo(p_call public.calls) returns text
language sql
stable
as $$
  select initcap(p_call.kind) || ' call with @' || p.username from public.profiles p where p.id = p_call.creator_id
$$;

-- Final figures of an ended call, from its paid minutes.
create function private.call_close(p_call_id uuid, p_ended_at timestamptz, p_reason text, p_actor uuid)
returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call public.calls;
begin
  update public.calls c
     set status = 'ended',
         ended_at = p_ended_at,
         end_reason = p_reason,
         ended_by = p_actor,
         next_settle_at = null,
         billed_minutes = m.n,
         total = m.total,
         platform_fee = m.fee,
         creator_share = m.total - m.fee
    from (select count(*)::integer as n, coalesce(sum(x.amount), 0)::bigint as total, coalesce(sum(x.fee), 0)::bigint as fee
            from public.call_minutes x where x.call_id = p_call_id) m
   where c.id = p_call_id
  returning c.* into v_call;
  return v_call;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- connect, settle, end (the caller holds no lock yet; each takes the call row's lock first)
-- ---------------------------------------------------------------------------------------------------
-- Both participants are in: start the clock and hold the first minute. A wallet that cannot pay it ends
-- the call at once, at no cost.
create function private.call_connect(p_call_id uuid, p_now timestamptz) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call public.calls;
  v_hold bigint;
begin
  select c.* into v_call from public.calls c where c.id = p_call_id for update;
  if v_call.status <> 'accepted' or v_call.fan_joined_at is null or v_call.creator_joined_at is null then
    return v_call;
  end if;
  begin
    select h.hold_id into v_hold
      from ledger.hold('call_minute', v_call.fan_id, v_call.creator_id, v_call.rate::bigint, 'call:' || v_call.id::text,
                       'connect', jsonb_build_object('memo', private.call_memo(v_call) || ': first minute held',
                                                     'call_id', v_call.id)) h;
  exception when sqlstate 'CO402' then
    update public.calls c
       set status = 'ended', connected_at = p_now, ended_at = p_now, end_reason = 'insufficient_funds',
           billed_minutes = 0, total = 0, creator_share = 0, platform_fee = 0
     where c.id = p_call_id
    returning c.* into v_call;
    return v_call;
  end;
  update public.calls c
     set status = 'connected', connected_at = p_now, hold_id = v_hold, held_minutes = 1,
         next_settle_at = p_now + interval '1 minute'
   where c.id = p_call_id
  returning c.* into v_call;
  return v_call;
end;
$$;

-- Settles every minute boundary up to p_now: pays the held minute and holds the next (unless it is held
-- already). Safe to call any number of times, early, late or after the end. p_platform_shard: see
-- ledger.roll_hold (batch workers pass theirs).
create function private.call_settle(p_call_id uuid, p_now timestamptz, p_platform_shard integer default null)
returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call public.calls;
  v_due integer;
  v_k integer;
  v_roll record;
  v_memo text;
begin
  select c.* into v_call from public.calls c where c.id = p_call_id for update;
  if v_call.status <> 'connected' or p_now < v_call.next_settle_at then
    return v_call;
  end if;
  v_due := (private.call_seconds(v_call.connected_at, p_now) / 60)::integer;
  v_memo := private.call_memo(v_call);
  while v_call.posted_minutes < v_due loop
    v_k := v_call.posted_minutes + 1; -- boundary k: pay minute k-1, fund minute k
    select r.* into v_roll
      from ledger.roll_hold(v_call.hold_id, v_call.rate::bigint,
                            case when v_call.held_minutes > v_k then 0 else v_call.rate end::bigint,
                            'minute:' || (v_k - 1)::text,
                            jsonb_build_object('memo', v_memo || ', minute ' || v_k, 'call_id', v_call.id,
                                               'minute_index', v_k - 1),
                            p_platform_shard) r;
    insert into public.call_minutes (call_id, minute_index, amount, fee, transfer_id, settled_by, settled_at)
    values (v_call.id, v_k - 1, v_call.rate, v_roll.fee, v_roll.transfer_id, 'boundary', p_now);
    v_call.posted_minutes := v_k;
    if v_roll.topped_up then
      v_call.held_minutes := v_call.held_minutes + 1;
    end if;
    if v_call.held_minutes <= v_k then
      -- Minute k could not be funded: the call ends where the paid time ends.
      update public.calls c set posted_minutes = v_call.posted_minutes, held_minutes = v_call.held_minutes
       where c.id = p_call_id;
      return private.call_close(p_call_id, v_call.connected_at + make_interval(mins => v_k), 'insufficient_funds', null);
    end if;
  end loop;
  update public.calls c
     set posted_minutes = v_call.posted_minutes, held_minutes = v_call.held_minutes,
         next_settle_at = v_call.connected_at + make_interval(mins => v_call.posted_minutes + 1)
   where c.id = p_call_id
  returning c.* into v_call;
  return v_call;
end;
$$;

-- Ends a call at p_now (never before the time already paid at boundaries). Accepted-but-unconnected
-- calls end at no cost; requested ones are not ended here (see public.end_call).
create function private.call_end(p_call_id uuid, p_now timestamptz, p_reason text, p_actor uuid) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call public.calls;
  v_end timestamptz;
  v_owed integer;
  v_post record;
begin
  v_call := private.call_settle(p_call_id, p_now); -- takes the lock; may itself end the call
  if v_call.status = 'accepted' then
    return private.call_close(p_call_id, p_now, p_reason, p_actor);
  end if;
  if v_call.status <> 'connected' then
    return v_call;
  end if;
  v_end := greatest(p_now, v_call.connected_at + make_interval(mins => v_call.posted_minutes));
  v_owed := private.call_billed_minutes(private.call_seconds(v_call.connected_at, v_end)) - v_call.posted_minutes;
  if v_owed < 0 or v_owed > 1 or v_call.posted_minutes + v_owed > v_call.held_minutes then
    raise exception 'Call % cannot owe % more minute(s)', v_call.id, v_owed using errcode = 'XX000';
  end if;
  select p.* into v_post
    from ledger.post_hold(v_call.hold_id, (v_owed * v_call.rate)::bigint, 'end', true) p;
  if v_owed = 1 then
    insert into public.call_minutes (call_id, minute_index, amount, fee, transfer_id, settled_by, settled_at)
    select v_call.id, v_call.posted_minutes, v_call.rate, v_call.rate::bigint * c.fee_bps / 10000, v_post.transfer_id, 'end', p_now
      from ledger.config c;
  end if;
  return private.call_close(p_call_id, v_end, p_reason, p_actor);
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- workers: what is due (each call is then settled or ended in its own short transaction by lib/calls,
-- so no transaction ever holds the shared platform-revenue accounts across calls)
-- ---------------------------------------------------------------------------------------------------
-- Connected calls whose next minute boundary is due at p_now; worker p_worker of p_workers (hash partition).
create function private.due_calls(p_now timestamptz, p_worker integer default 0, p_workers integer default 1,
  p_limit integer default null)
returns table (call_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id from public.calls c
   where c.status = 'connected' and c.next_settle_at <= p_now
     and (p_workers = 1 or abs(hashtext(c.id::text)) % p_workers = p_worker)
   order by c.next_settle_at
   limit p_limit
$$;

-- Settles up to p_limit due calls of worker p_worker of p_workers in the caller's one transaction (the
-- benchmarked batch path). A call another transaction holds (a participant ending it, a heartbeat) is
-- skipped, never waited for — it is settled by that transaction or the next pass — and the platform fees
-- of the batch go only to the worker's own platform-revenue shards (those with shard % p_workers =
-- p_worker), so concurrent workers share no lock and cannot deadlock. They rotate over those shards: a row
-- updated many times in one transaction grows a chain of row versions every later access walks. An error
-- fails the whole batch (no per-call subtransaction on the hot path); lib/calls/settle-due.ts then settles
-- that batch's calls one by one, so one bad call does not hold up the others.
create function private.settle_due_batch(p_now timestamptz, p_worker integer, p_workers integer, p_limit integer)
returns table (call_id uuid, status text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_id uuid;
  v_call public.calls;
  v_own integer; -- platform shards this worker owns
  v_n integer := 0;
begin
  select greatest(1, (c.platform_shards - 1 - p_worker) / p_workers + 1) into v_own from ledger.config c;
  for v_id in select d.call_id from private.due_calls(p_now, p_worker, p_workers, p_limit) d loop
    perform 1 from public.calls c where c.id = v_id for update skip locked;
    if found then
      v_n := v_n + 1;
      v_call := private.call_settle(v_id, p_now, p_worker + p_workers * (v_n % v_own));
      return query select v_id, v_call.status;
    end if;
  end loop;
end;
$$;

-- Unanswered requests past their expiry become 'expired' (one statement; no money involved).
create function private.expire_call_requests(p_now timestamptz)
returns table (call_id uuid, fan_id uuid, creator_id uuid, status text)
language sql
security definer
set search_path = ''
as $$
  update public.calls c set status = 'expired'
   where c.status = 'requested' and c.expires_at <= p_now
  returning c.id, c.fan_id, c.creator_id, c.status
$$;

-- Calls to end: accepted ones nobody completed joining within 2 minutes (at p_now, no cost), and connected
-- ones whose participants all stopped heart-beating 90 s ago (at the last heartbeat).
create function private.stale_calls(p_now timestamptz)
returns table (call_id uuid, end_at timestamptz, reason text)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id, p_now, 'not_connected' from public.calls c
   where c.status = 'accepted' and c.answered_at <= p_now - interval '2 minutes'
  union all
  select c.id, x.last_seen, 'no_heartbeat'
    from public.calls c
    cross join lateral (select greatest(c.connected_at, coalesce(c.fan_seen_at, c.connected_at),
                                        coalesce(c.creator_seen_at, c.connected_at)) as last_seen) x
   where c.status = 'connected' and x.last_seen <= p_now - interval '90 seconds'
$$;

revoke all on function
  private.call_billed_minutes(bigint), private.call_seconds(timestamptz, timestamptz), private.call_memo(public.calls),
  private.call_close(uuid, timestamptz, text, uuid), private.call_connect(uuid, timestamptz),
  private.call_settle(uuid, timestamptz, integer), private.call_end(uuid, timestamptz, text, uuid),
  private.due_calls(timestamptz, integer, integer, integer), private.settle_due_batch(timestamptz, integer, integer, integer),
  private.expire_call_requests(timestamptz), private.stale_calls(timestamptz)
  from public, anon, authenticated;
grant execute on function
  private.call_billed_minutes(bigint), private.call_seconds(timestamptz, timestamptz), private.call_memo(public.calls),
  private.call_close(uuid, timestamptz, text, uuid), private.call_connect(uuid, timestamptz),
  private.call_settle(uuid, timestamptz, integer), private.call_end(uuid, timestamptz, text, uuid),
  private.due_calls(timestamptz, integer, integer, integer), private.settle_due_batch(timestamptz, integer, integer, integer),
  private.expire_call_requests(timestamptz), private.stale_calls(timestamptz)
  to service_role;
