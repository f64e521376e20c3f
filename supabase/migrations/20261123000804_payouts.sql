-- Payouts: creators turn earned tokens into money. Request (manual or the weekly job) moves tokens from
-- creator earnings to payout_clearing (kind 'payout'); an admin approves (→ processing; the server then
-- makes the Stripe transfer with idempotency key = payout id, or simulates it locally) or rejects with a
-- reason (tokens return). A paid payout moves the tokens on from payout_clearing to stripe_clearing (they
-- left the platform); a failed transfer returns them to earnings with the reason. Each step runs under the
-- payout row's lock, so a double approval or a retried completion acts once.

create table private.payout_config (
  id boolean primary key default true constraint payout_config_single_row check (id),
  min_tokens integer not null constraint payout_config_min check (min_tokens > 0)
);
comment on column private.payout_config.min_tokens is 'Smallest payout a creator can request (and the auto-payout threshold).';
insert into private.payout_config (min_tokens) values (500);
revoke all on private.payout_config from public, anon, authenticated;
grant select, update on private.payout_config to service_role;

create table public.payout_accounts (
  creator_id uuid primary key references public.profiles (id) on delete cascade,
  mode text not null constraint payout_accounts_mode check (mode in ('stripe', 'simulated')),
  status text not null default 'pending' constraint payout_accounts_status check (status in ('pending', 'ready')),
  stripe_account_id text constraint payout_accounts_stripe check (stripe_account_id is null or stripe_account_id ~ '^acct_[A-Za-z0-9]+$'),
  bank_holder text constraint payout_accounts_holder check (bank_holder is null or char_length(bank_holder) between 2 and 100),
  bank_last4 text constraint payout_accounts_last4 check (bank_last4 is null or bank_last4 ~ '^[0-9A-Z]{4}$'),
  bank_country text constraint payout_accounts_country check (bank_country is null or bank_country ~ '^[A-Z]{2}$'),
  auto_weekly boolean not null default false,
  updated_at timestamptz not null default now(),
  constraint payout_accounts_shape check (
    (mode = 'stripe' and stripe_account_id is not null)
    or (mode = 'simulated' and bank_holder is not null and bank_last4 is not null and status = 'ready'))
);
comment on table public.payout_accounts is 'Where a creator is paid: a Stripe Connect Express account, or (local mode) simulated bank details — only the last 4 characters are kept.';
alter table public.payout_accounts enable row level security;
revoke all on public.payout_accounts from anon, authenticated;
grant select on public.payout_accounts to authenticated;
grant all on public.payout_accounts to service_role;
create policy payout_accounts_select_own on public.payout_accounts for select to authenticated
  using (creator_id = (select auth.uid()) or (select private.is_admin()));

create table public.payouts (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id),
  amount bigint not null constraint payouts_amount check (amount > 0),
  usd_cents bigint not null,
  status text not null default 'requested'
    constraint payouts_status check (status in ('requested', 'processing', 'paid', 'rejected', 'failed')),
  source text not null default 'manual' constraint payouts_source check (source in ('manual', 'auto')),
  auto_week date,
  reason text constraint payouts_reason check (reason is null or char_length(reason) <= 500),
  stripe_transfer_id text,
  decided_by uuid references public.profiles (id),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  settled_at timestamptz,
  constraint payouts_auto_week check ((source = 'auto') = (auto_week is not null)),
  constraint payouts_reason_when check (status not in ('rejected', 'failed') or reason is not null)
);
comment on column public.payouts.usd_cents is 'amount × ledger.config.usd_cents_per_token when requested.';
comment on column public.payouts.auto_week is 'Monday of the week an automatic payout was made for: one per creator and week.';
create unique index payouts_auto_week_unique on public.payouts (creator_id, auto_week) where auto_week is not null;
create index payouts_creator_idx on public.payouts (creator_id, created_at desc);
create index payouts_open_idx on public.payouts (status, created_at) where status in ('requested', 'processing');
alter table public.payouts enable row level security;
revoke all on public.payouts from anon, authenticated;
grant select on public.payouts to authenticated;
grant all on public.payouts to service_role;
create policy payouts_select_own_or_admin on public.payouts for select to authenticated
  using (creator_id = (select auth.uid()) or (select private.is_admin()));

-- ---------------------------------------------------------------------------------------------------
-- request (shared by the creator's request and the weekly job)
-- ---------------------------------------------------------------------------------------------------
-- Takes p_amount from the creator's earnings sub-accounts (largest first) into payout_clearing. Requests of
-- one creator serialise on their payout_accounts row, so the balances read here are not debited by another
-- payout meanwhile (credits only add). CO402 above the available earnings, CO422 below the minimum, CO409
-- without a ready payout account.
create function private.request_payout(p_creator uuid, p_amount bigint, p_source text, p_week date)
returns public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_acct public.payout_accounts;
  v_min integer;
  v_available bigint;
  v_payout public.payouts;
  v_ids bigint[] := '{}';
  v_amounts bigint[] := '{}';
  v_left bigint := p_amount;
  v_row record;
begin
  select a.* into v_acct from public.payout_accounts a where a.creator_id = p_creator for update;
  if v_acct.creator_id is null or v_acct.status <> 'ready' then
    raise exception 'Set up payouts first' using errcode = 'CO409';
  end if;
  select c.min_tokens into v_min from private.payout_config c;
  if p_amount is null or p_amount < v_min then
    raise exception 'The minimum payout is % tokens', v_min using errcode = 'CO422';
  end if;
  select coalesce(sum(a.balance), 0) into v_available from ledger.accounts a
   where a.kind = 'creator_earnings' and a.owner_id = p_creator;
  if p_amount > v_available then
    raise exception 'Insufficient tokens: % available, % requested', v_available, p_amount using errcode = 'CO402';
  end if;
  insert into public.payouts (creator_id, amount, usd_cents, source, auto_week)
  select p_creator, p_amount, p_amount * c.usd_cents_per_token, p_source, p_week from ledger.config c
  returning * into v_payout;
  for v_row in
    select a.id, a.balance from ledger.accounts a
     where a.kind = 'creator_earnings' and a.owner_id = p_creator and a.balance > 0
     order by a.balance desc, a.id
  loop
    exit when v_left = 0;
    v_ids := v_ids || v_row.id;
    v_amounts := v_amounts || -least(v_row.balance, v_left);
    v_left := v_left - least(v_row.balance, v_left);
  end loop;
  perform ledger.transfer('payout', 'payout:' || v_payout.id::text, 'request',
    v_ids || ledger.account_for('payout_clearing', null), v_amounts || p_amount,
    jsonb_build_object('memo', 'Payout requested', 'payout_id', v_payout.id, 'creator_id', p_creator));
  return v_payout;
end;
$$;

-- Returns a payout's tokens from payout_clearing to the creator's earnings (reject, failed transfer).
create function private.return_payout(p_payout public.payouts, p_status text, p_reason text, p_actor uuid)
returns public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_payout public.payouts;
begin
  perform ledger.transfer('payout', 'payout:' || p_payout.id::text, 'return',
    array[ledger.account_for('payout_clearing', null), ledger.account_for('creator_earnings', p_payout.creator_id, 0)],
    array[-p_payout.amount, p_payout.amount],
    jsonb_build_object('memo', 'Payout ' || p_status || ': ' || p_reason, 'payout_id', p_payout.id,
                       'creator_id', p_payout.creator_id));
  update public.payouts p
     set status = p_status, reason = p_reason, settled_at = now(),
         decided_by = coalesce(p.decided_by, p_actor), decided_at = coalesce(p.decided_at, now())
   where p.id = p_payout.id
  returning * into v_payout;
  return v_payout;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- creator API
-- ---------------------------------------------------------------------------------------------------
create function public.request_payout(amount bigint) returns public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
begin
  if not exists (select 1 from public.profiles p where p.id = v_uid and p.role = 'creator') then
    raise exception 'Only creators can request payouts' using errcode = 'CO403';
  end if;
  return private.request_payout(v_uid, request_payout.amount, 'manual', null);
end;
$$;

create function public.set_payout_auto_weekly(enabled boolean) returns public.payout_accounts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_acct public.payout_accounts;
begin
  update public.payout_accounts a set auto_weekly = coalesce(enabled, false), updated_at = now()
   where a.creator_id = v_uid returning * into v_acct;
  if v_acct.creator_id is null then
    raise exception 'Set up payouts first' using errcode = 'CO409';
  end if;
  return v_acct;
end;
$$;

-- The caller's payout figures: available earnings, in payout, paid out, the minimum and the rate.
create function public.my_payout_summary()
returns table (available bigint, pending bigint, paid bigint, min_tokens integer, usd_cents_per_token integer)
language sql
stable
security definer
set search_path = ''
as $$
  select (select coalesce(sum(a.balance), 0)::bigint from ledger.accounts a
           where a.kind = 'creator_earnings' and a.owner_id = (select auth.uid())),
         (select coalesce(sum(p.amount), 0)::bigint from public.payouts p
           where p.creator_id = (select auth.uid()) and p.status in ('requested', 'processing')),
         (select coalesce(sum(p.amount), 0)::bigint from public.payouts p
           where p.creator_id = (select auth.uid()) and p.status = 'paid'),
         (select c.min_tokens from private.payout_config c),
         (select c.usd_cents_per_token from ledger.config c)
$$;

-- Monthly statement (p_month = any day of the month, read in p_tz): credits to the caller's earnings by
-- source, the platform fees taken in those transfers, and payouts (requested, returned, paid).
create function public.my_statement(month date, tz text default 'UTC')
returns table (section text, kind text, tokens bigint, count bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := (select auth.uid());
  v_tz text := coalesce(nullif(tz, ''), 'UTC');
  v_from timestamptz;
  v_to timestamptz;
begin
  if not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = v_tz) then
    raise exception 'Unknown time zone %', v_tz using errcode = 'CO422';
  end if;
  v_from := date_trunc('month', month::timestamp) at time zone v_tz;
  v_to := (date_trunc('month', month::timestamp) + interval '1 month') at time zone v_tz;
  return query
  with mine as (
    select e.transfer_id, e.amount, t.kind::text as kind
      from ledger.accounts a
      join ledger.entries e on e.account_id = a.id
      join ledger.transfers t on t.id = e.transfer_id
     where a.kind = 'creator_earnings' and a.owner_id = v_uid and t.created_at >= v_from and t.created_at < v_to
  )
  select 'earnings', m.kind, sum(m.amount)::bigint, count(*)::bigint from mine m
   where m.amount > 0 and m.kind <> 'payout' group by m.kind
  union all
  select 'fees', m.kind, coalesce(sum(pe.amount), 0)::bigint, count(distinct m.transfer_id)::bigint
    from mine m
    join ledger.entries pe on pe.transfer_id = m.transfer_id
    join ledger.accounts pa on pa.id = pe.account_id and pa.kind = 'platform_revenue'
   where m.amount > 0 and m.kind <> 'payout' group by m.kind
  union all
  select 'deductions', m.kind, sum(-m.amount)::bigint, count(*)::bigint from mine m
   where m.amount < 0 and m.kind <> 'payout' group by m.kind
  union all
  select 'payouts', p.status, sum(p.amount)::bigint, count(*)::bigint from public.payouts p
   where p.creator_id = v_uid and p.created_at >= v_from and p.created_at < v_to group by p.status;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- admin decision, and the server's completion of an approved payout
-- ---------------------------------------------------------------------------------------------------
-- approve: requested → processing (the server then transfers); reject: requested → rejected, tokens back.
-- Anything but a requested payout is CO409, so a second approval changes nothing.
create function public.admin_decide_payout(payout_id uuid, approve boolean, reason text default null)
returns public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_payout public.payouts;
  v_reason text := nullif(btrim(reason), '');
begin
  if not (select private.is_admin()) then
    raise exception 'Admins only' using errcode = 'CO403';
  end if;
  select p.* into v_payout from public.payouts p where p.id = admin_decide_payout.payout_id for update;
  if v_payout.id is null then
    raise exception 'Payout not found' using errcode = 'CO404';
  end if;
  if v_payout.status <> 'requested' then
    raise exception 'This payout was already decided (%)', v_payout.status using errcode = 'CO409';
  end if;
  if not coalesce(approve, false) then
    if v_reason is null or char_length(v_reason) < 3 then
      raise exception 'Give a reason for the rejection' using errcode = 'CO422';
    end if;
    v_payout := private.return_payout(v_payout, 'rejected', v_reason, v_uid);
  else
    update public.payouts p set status = 'processing', decided_by = v_uid, decided_at = now()
     where p.id = v_payout.id returning * into v_payout;
  end if;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (v_uid, case when approve then 'payout.approve' else 'payout.reject' end, v_payout.creator_id,
          coalesce(v_reason, 'approved'), jsonb_build_object('status', 'requested'),
          jsonb_build_object('status', v_payout.status, 'payout_id', v_payout.id, 'amount', v_payout.amount));
  return v_payout;
end;
$$;

-- The transfer outcome of a processing payout (service role): paid → tokens leave through stripe_clearing;
-- failed → tokens return with the reason. A payout no longer processing is returned unchanged.
create function private.settle_payout(p_payout_id uuid, p_ok boolean, p_stripe_transfer_id text, p_reason text)
returns public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_payout public.payouts;
begin
  select p.* into v_payout from public.payouts p where p.id = p_payout_id for update;
  if v_payout.id is null or v_payout.status <> 'processing' then
    return v_payout;
  end if;
  if not p_ok then
    return private.return_payout(v_payout, 'failed', coalesce(nullif(btrim(p_reason), ''), 'Transfer failed'), null);
  end if;
  perform ledger.transfer('payout', 'payout:' || v_payout.id::text, 'paid',
    array[ledger.account_for('payout_clearing', null), ledger.account_for('stripe_clearing', null)],
    array[-v_payout.amount, v_payout.amount],
    jsonb_build_object('memo', 'Payout sent', 'payout_id', v_payout.id, 'creator_id', v_payout.creator_id,
                       'stripe_transfer_id', p_stripe_transfer_id));
  update public.payouts p set status = 'paid', stripe_transfer_id = p_stripe_transfer_id, settled_at = now()
   where p.id = v_payout.id returning * into v_payout;
  return v_payout;
end;
$$;

-- The weekly job: every creator with automatic payouts, a ready account, no open payout, and at least the
-- minimum available gets one payout of everything available, at most one per week (unique auto_week).
create function private.request_auto_payouts(p_now timestamptz) returns setof public.payouts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_week date := date_trunc('week', p_now at time zone 'UTC')::date;
  v_row record;
begin
  for v_row in
    select a.creator_id,
           (select coalesce(sum(x.balance), 0) from ledger.accounts x
             where x.kind = 'creator_earnings' and x.owner_id = a.creator_id) as available
      from public.payout_accounts a
      join public.profiles pr on pr.id = a.creator_id and pr.role = 'creator' and not pr.is_banned
     where a.auto_weekly and a.status = 'ready'
       and not exists (select 1 from public.payouts p where p.creator_id = a.creator_id
                        and (p.status in ('requested', 'processing') or p.auto_week = v_week))
     order by a.creator_id
  loop
    if v_row.available >= (select c.min_tokens from private.payout_config c) then
      return next private.request_payout(v_row.creator_id, v_row.available::bigint, 'auto', v_week);
    end if;
  end loop;
end;
$$;

-- Server-side writes of the payout account (the route validated the caller is the creator).
create function private.save_payout_account(p_creator uuid, p_mode text, p_status text, p_stripe_account text,
  p_holder text, p_last4 text, p_country text) returns public.payout_accounts
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_acct public.payout_accounts;
begin
  insert into public.payout_accounts (creator_id, mode, status, stripe_account_id, bank_holder, bank_last4, bank_country)
  values (p_creator, p_mode, p_status, p_stripe_account, p_holder, p_last4, p_country)
  on conflict (creator_id) do update
     set mode = excluded.mode, status = excluded.status, stripe_account_id = excluded.stripe_account_id,
         bank_holder = excluded.bank_holder, bank_last4 = excluded.bank_last4, bank_country = excluded.bank_country,
         updated_at = now()
  returning * into v_acct;
  return v_acct;
end;
$$;

revoke all on function private.request_payout(uuid, bigint, text, date), private.return_payout(public.payouts, text, text, uuid),
  private.settle_payout(uuid, boolean, text, text), private.request_auto_payouts(timestamptz),
  private.save_payout_account(uuid, text, text, text, text, text, text),
  public.request_payout(bigint), public.set_payout_auto_weekly(boolean), public.my_payout_summary(),
  public.my_statement(date, text), public.admin_decide_payout(uuid, boolean, text)
  from public, anon;
grant execute on function private.settle_payout(uuid, boolean, text, text), private.request_auto_payouts(timestamptz),
  private.save_payout_account(uuid, text, text, text, text, text, text) to service_role;
grant execute on function public.request_payout(bigint), public.set_payout_auto_weekly(boolean), public.my_payout_summary(),
  public.my_statement(date, text), public.admin_decide_payout(uuid, boolean, text) to authenticated, service_role;
