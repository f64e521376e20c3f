-- Paid 1-on-1 calls, part 1: creator rates and weekly availability, bookings, the calls table and its
-- per-minute settlements, and the ledger primitive that funds a call minute by minute (ledger.roll_hold).
-- The state machine and the billing rule follow in 20261123000401_call_billing.sql.

-- ---------------------------------------------------------------------------------------------------
-- ledger.roll_hold: the minute boundary of a call in one transfer
-- ---------------------------------------------------------------------------------------------------
-- Posts p_post tokens of an open hold to the payee (creator share + platform fee, the same fee rule as
-- ledger.post_hold) and, in the same transfer, moves p_topup more tokens from the payer's wallet into the
-- hold when the wallet can pay them (topped_up tells whether it did; no exception on a short wallet).
-- Without a top-up, posting everything left closes the hold. Locks the hold row, then the accounts by id
-- (post_legs). Keys are scoped to the hold, like post_hold and void_hold. p_platform_shard picks the
-- platform-revenue sub-account (default: transfer id modulo the shard count): a batch worker that settles
-- many calls in one transaction passes its own shard, so two workers never wait on each other.
create function ledger.roll_hold(p_hold_id bigint, p_post bigint, p_topup bigint, p_key text,
  p_metadata jsonb default '{}'::jsonb, p_platform_shard integer default null)
returns table (transfer_id bigint, posted bigint, amount bigint, fee bigint, topped_up boolean, status text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_kind text;
  v_claim record;
  v_hold ledger.holds;
  v_cfg ledger.config;
  v_wallet record;
  v_remaining bigint;
  v_topup bigint;
  v_fee bigint;
  v_close boolean;
  v_accounts bigint[] := '{}';
  v_amounts bigint[] := '{}';
begin
  select h.kind into v_kind from ledger.holds h where h.id = p_hold_id;
  if v_kind is null then
    raise exception 'Hold not found' using errcode = 'CO404';
  end if;
  if p_post is null or p_post < 0 or p_topup is null or p_topup < 0 or p_post + p_topup = 0 then
    raise exception 'Post or top up at least 1 token, never a negative amount' using errcode = 'CO422';
  end if;

  -- The wallet check comes before the claim so a short wallet never leaves a transfer without entries.
  -- It is read without a lock: if a concurrent spend wins the race, post_legs refuses (CO402) and the
  -- caller's transaction retries with the new balance.
  select a.balance, a.flagged into v_wallet
    from ledger.holds h join ledger.accounts a on a.id = h.wallet_account_id where h.id = p_hold_id;
  v_topup := case when p_topup > 0 and not v_wallet.flagged and v_wallet.balance >= p_topup then p_topup else 0 end;
  if p_post = 0 and v_topup = 0 then
    select h.* into v_hold from ledger.holds h where h.id = p_hold_id;
    return query select null::bigint, v_hold.posted, v_hold.amount, 0::bigint, false, v_hold.status;
    return;
  end if;

  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer(v_kind, 'hold:' || p_hold_id::text, p_key,
      jsonb_build_array(v_kind, 'roll', p_hold_id, p_post, p_topup),
      coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object('phase', 'roll', 'hold_id', p_hold_id)) c;

  select h.* into v_hold from ledger.holds h where h.id = p_hold_id for update;
  select c.* into v_cfg from ledger.config c;
  if v_claim.replayed then
    return query
      select v_claim.transfer_id, v_hold.posted, v_hold.amount, p_post * v_cfg.fee_bps / 10000,
             exists (select 1 from ledger.entries e where e.transfer_id = v_claim.transfer_id
                      and e.account_id = v_hold.wallet_account_id),
             v_hold.status;
    return;
  end if;
  if v_hold.status <> 'open' then
    raise exception 'This hold is already %', v_hold.status using errcode = 'CO409';
  end if;
  v_remaining := v_hold.amount - v_hold.posted - v_hold.released;
  if p_post > v_remaining then
    raise exception 'Only % tokens are left on this hold', v_remaining using errcode = 'CO422';
  end if;
  v_close := v_topup = 0 and p_post = v_remaining;

  v_fee := p_post * v_cfg.fee_bps / 10000;
  if v_topup - p_post <> 0 then
    v_accounts := v_accounts || v_hold.hold_account_id;
    v_amounts := v_amounts || (v_topup - p_post);
  end if;
  if v_topup > 0 then
    v_accounts := v_accounts || v_hold.wallet_account_id;
    v_amounts := v_amounts || -v_topup;
  end if;
  if p_post - v_fee > 0 then
    v_accounts := v_accounts || ledger.account_for('creator_earnings', v_hold.payee_id, (v_claim.transfer_id % v_cfg.creator_shards)::integer);
    v_amounts := v_amounts || (p_post - v_fee);
  end if;
  if v_fee > 0 then
    v_accounts := v_accounts || ledger.account_for('platform_revenue', null,
      (coalesce(p_platform_shard, v_claim.transfer_id) % v_cfg.platform_shards)::integer);
    v_amounts := v_amounts || v_fee;
  end if;
  perform ledger.post_legs(v_claim.transfer_id, v_accounts, v_amounts, false);

  update ledger.holds h
     set amount = h.amount + v_topup,
         posted = h.posted + p_post,
         status = case when v_close then 'posted' else 'open' end,
         closed_at = case when v_close then now() end
   where h.id = p_hold_id
  returning h.* into v_hold;
  return query select v_claim.transfer_id, v_hold.posted, v_hold.amount, v_fee, v_topup > 0, v_hold.status;
end;
$$;
-- A call's hold is updated every minute: leave room on each page so those updates stay heap-only.
alter table ledger.holds set (fillfactor = 70);

revoke all on function ledger.roll_hold(bigint, bigint, bigint, text, jsonb, integer) from public, anon, authenticated, service_role;
grant execute on function ledger.roll_hold(bigint, bigint, bigint, text, jsonb, integer) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- creator settings and weekly availability (public: fans see rates and slots)
-- ---------------------------------------------------------------------------------------------------
create table public.call_settings (
  creator_id uuid primary key references public.profiles (id) on delete cascade,
  video_rate integer constraint call_settings_video_rate check (video_rate is null or video_rate between 1 and 10000),
  voice_rate integer constraint call_settings_voice_rate check (voice_rate is null or voice_rate between 1 and 10000),
  available_now boolean not null default false,
  timezone text not null default 'UTC',
  slot_minutes integer not null default 30 constraint call_settings_slot_minutes check (slot_minutes in (15, 30, 45, 60)),
  request_timeout_seconds integer not null default 120
    constraint call_settings_request_timeout check (request_timeout_seconds between 30 and 600),
  updated_at timestamptz not null default now()
);
comment on column public.call_settings.video_rate is 'Tokens per started minute of a video call; null = video calls not offered.';
comment on column public.call_settings.timezone is 'IANA zone the weekly availability is written in (checked against pg_timezone_names on write).';
comment on column public.call_settings.request_timeout_seconds is 'An unanswered call request expires after this long.';

alter table public.call_settings enable row level security;
revoke all on public.call_settings from anon, authenticated;
grant select on public.call_settings to anon, authenticated;
grant all on public.call_settings to service_role;
create policy call_settings_select_all on public.call_settings for select to anon, authenticated using (true);

create table public.availability_slots (
  id bigint generated always as identity primary key,
  creator_id uuid not null references public.profiles (id) on delete cascade,
  weekday smallint not null constraint availability_slots_weekday check (weekday between 0 and 6),
  start_time time not null,
  end_time time not null,
  constraint availability_slots_order check (start_time < end_time)
);
comment on column public.availability_slots.weekday is '0 = Sunday … 6 = Saturday, in the creator''s call_settings.timezone.';
create index availability_slots_creator_idx on public.availability_slots (creator_id, weekday);

alter table public.availability_slots enable row level security;
revoke all on public.availability_slots from anon, authenticated;
grant select on public.availability_slots to anon, authenticated;
grant all on public.availability_slots to service_role;
create policy availability_slots_select_all on public.availability_slots for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------------
-- bookings of a future slot (one booking per creator and start time: the unique index decides races)
-- ---------------------------------------------------------------------------------------------------
create table public.call_bookings (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete cascade,
  fan_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint call_bookings_kind check (kind in ('video', 'voice')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'booked' constraint call_bookings_status check (status in ('booked', 'cancelled', 'completed')),
  cancelled_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  constraint call_bookings_order check (starts_at < ends_at)
);
create unique index call_bookings_one_per_slot on public.call_bookings (creator_id, starts_at) where status = 'booked';
create index call_bookings_fan_idx on public.call_bookings (fan_id, starts_at desc);

alter table public.call_bookings enable row level security;
revoke all on public.call_bookings from anon, authenticated;
grant select on public.call_bookings to authenticated;
grant all on public.call_bookings to service_role;
create policy call_bookings_select_party on public.call_bookings for select to authenticated
  using (fan_id = (select auth.uid()) or creator_id = (select auth.uid()) or (select private.is_admin()));

-- ---------------------------------------------------------------------------------------------------
-- calls and their settled minutes (participants read; only the functions write)
-- ---------------------------------------------------------------------------------------------------
create table public.calls (
  id uuid primary key default gen_random_uuid(),
  fan_id uuid not null references public.profiles (id),
  creator_id uuid not null references public.profiles (id),
  kind text not null constraint calls_kind check (kind in ('video', 'voice')),
  rate integer not null constraint calls_rate check (rate > 0),
  booking_id uuid references public.call_bookings (id),
  status text not null default 'requested'
    constraint calls_status check (status in ('requested', 'accepted', 'declined', 'expired', 'cancelled', 'connected', 'ended')),
  requested_at timestamptz not null default now(),
  expires_at timestamptz not null,
  answered_at timestamptz,
  fan_joined_at timestamptz,
  creator_joined_at timestamptz,
  connected_at timestamptz,
  ended_at timestamptz,
  end_reason text constraint calls_end_reason check (end_reason in
    ('fan_ended', 'creator_ended', 'insufficient_funds', 'no_heartbeat', 'not_connected')),
  ended_by uuid references public.profiles (id),
  fan_seen_at timestamptz,
  creator_seen_at timestamptz,
  hold_id bigint,
  held_minutes integer not null default 0,
  posted_minutes integer not null default 0,
  next_settle_at timestamptz,
  billed_minutes integer,
  total bigint,
  creator_share bigint,
  platform_fee bigint,
  constraint calls_parties check (fan_id <> creator_id),
  constraint calls_minutes check (posted_minutes >= 0 and posted_minutes <= held_minutes),
  constraint calls_connected_shape check ((status = 'connected') = (connected_at is not null and ended_at is null)),
  constraint calls_ended_shape check ((status = 'ended') = (ended_at is not null and end_reason is not null))
) with (fillfactor = 80); -- room on the page keeps each minute's update HOT (no indexed column changes)
comment on column public.calls.rate is 'Tokens per started minute, copied from the creator''s settings when requested.';
comment on column public.calls.connected_at is 'Both participants joined: the billing clock starts here (database time).';
comment on column public.calls.held_minutes is 'Minutes funded so far (moved into the hold); minute i runs from connected_at + i min.';
comment on column public.calls.posted_minutes is 'Minutes settled at a minute boundary (paid to the creator).';
comment on column public.calls.next_settle_at is 'Next minute boundary (connected calls): when the next settlement is due.';
comment on column public.calls.billed_minutes is 'Final: 0 if the call lasted <= 10 s, else the number of started minutes.';

create unique index calls_one_open_per_fan on public.calls (fan_id) where status in ('requested', 'accepted', 'connected');
create unique index calls_one_live_per_creator on public.calls (creator_id) where status in ('accepted', 'connected');
create index calls_fan_idx on public.calls (fan_id, requested_at desc);
create index calls_creator_idx on public.calls (creator_id, requested_at desc);
create index calls_requested_expiry_idx on public.calls (expires_at) where status = 'requested';
-- Live calls are few; the settlement workers scan them all (next_settle_at is deliberately not indexed so
-- that the per-minute update of a call stays a heap-only update).
create index calls_connected_idx on public.calls (connected_at) where status = 'connected';
create index calls_accepted_idx on public.calls (answered_at) where status = 'accepted';

alter table public.calls enable row level security;
revoke all on public.calls from anon, authenticated;
grant select on public.calls to authenticated;
grant all on public.calls to service_role;
create policy calls_select_party on public.calls for select to authenticated
  using (fan_id = (select auth.uid()) or creator_id = (select auth.uid()) or (select private.is_admin()));

create table public.call_minutes (
  call_id uuid not null references public.calls (id),
  minute_index integer not null constraint call_minutes_index check (minute_index >= 0),
  amount bigint not null constraint call_minutes_amount check (amount > 0),
  fee bigint not null constraint call_minutes_fee check (fee >= 0 and fee <= amount),
  transfer_id bigint not null,
  settled_by text not null constraint call_minutes_settled_by check (settled_by in ('boundary', 'end')),
  settled_at timestamptz not null,
  primary key (call_id, minute_index)
);
comment on table public.call_minutes is 'One row per billed minute: the primary key makes every settlement idempotent on (call_id, minute_index).';
comment on column public.call_minutes.transfer_id is 'The ledger transfer that paid this minute (ledger.transfers.id).';

alter table public.call_minutes enable row level security;
revoke all on public.call_minutes from anon, authenticated;
grant select on public.call_minutes to authenticated;
grant all on public.call_minutes to service_role;
create policy call_minutes_select_party on public.call_minutes for select to authenticated
  using (exists (select 1 from public.calls c where c.id = call_id
                  and (c.fan_id = (select auth.uid()) or c.creator_id = (select auth.uid()) or (select private.is_admin()))));
