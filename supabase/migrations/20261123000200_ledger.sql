-- Token ledger, part 1: the double-entry core in the private schema `ledger`.
--   accounts  — one row per (kind, owner, shard); balance and version change only under a row lock.
--   transfers — immutable; unique idempotency (scope, key) plus a fingerprint of the request.
--   entries   — immutable; one per (transfer, account), signed, with balance_after and account_version.
-- Money moves only through the SECURITY DEFINER functions below; no API role can write a ledger table, and
-- no role at all (owner included, by trigger) can update, delete or truncate transfers and entries.
-- Errors: CO402 insufficient tokens / locked wallet, CO403 forbidden, CO404 not found, CO409 state conflict,
-- CO410 idempotency key reused with other parameters, CO422 invalid input.

create schema if not exists ledger;
revoke all on schema ledger from public, anon, authenticated;
grant usage on schema ledger to service_role;
comment on schema ledger is 'Token ledger. Not exposed to the browser; read through public SECURITY DEFINER functions.';

-- Functions created in ledger later are not executable by PUBLIC unless granted.
alter default privileges in schema ledger revoke execute on functions from public;

-- ---------------------------------------------------------------------------------------------------
-- config (one row) and token packages
-- ---------------------------------------------------------------------------------------------------
create table ledger.config (
  id boolean primary key default true constraint config_single_row check (id),
  fee_bps integer not null constraint config_fee_bps check (fee_bps between 0 and 10000),
  usd_cents_per_token integer not null constraint config_payout_rate check (usd_cents_per_token > 0),
  platform_shards integer not null constraint config_platform_shards check (platform_shards between 1 and 64),
  creator_shards integer not null constraint config_creator_shards check (creator_shards between 1 and 64),
  tip_max bigint not null constraint config_tip_max check (tip_max > 0),
  tip_message_max integer not null constraint config_tip_message_max check (tip_message_max > 0)
);
comment on column ledger.config.fee_bps is 'Platform fee in basis points: fee = floor(amount * fee_bps / 10000), the creator gets the rest.';
comment on column ledger.config.usd_cents_per_token is 'Payout rate for earned tokens.';
comment on column ledger.config.platform_shards is 'platform_revenue is split into this many sub-accounts (hot account); reads sum them.';
comment on column ledger.config.creator_shards is 'Each creator_earnings is split into this many sub-accounts (a hot creator); reads sum them.';
insert into ledger.config (fee_bps, usd_cents_per_token, platform_shards, creator_shards, tip_max, tip_message_max)
values (2000, 5, 32, 16, 100000, 280);

create table public.token_packages (
  id text primary key constraint token_packages_id_format check (id ~ '^[a-z0-9_]{1,40}$'),
  tokens integer not null constraint token_packages_tokens check (tokens > 0),
  price_cents integer not null constraint token_packages_price check (price_cents > 0),
  currency text not null default 'usd' constraint token_packages_currency check (currency ~ '^[a-z]{3}$'),
  active boolean not null default true,
  sort integer not null default 0
);
comment on table public.token_packages is 'What a fan can buy. Readable by anyone; changed only by migrations / service code.';
alter table public.token_packages enable row level security;
revoke all on public.token_packages from anon, authenticated, service_role;
grant select on public.token_packages to anon, authenticated, service_role;
create policy token_packages_select_all on public.token_packages for select to anon, authenticated using (true);
insert into public.token_packages (id, tokens, price_cents, currency, active, sort) values
  ('starter', 100, 999, 'usd', true, 1),
  ('popular', 550, 4999, 'usd', true, 2),
  ('best', 1200, 9999, 'usd', true, 3);

-- ---------------------------------------------------------------------------------------------------
-- accounts, transfers, entries
-- Hot-path note: Postgres re-reads and compiles every CHECK constraint of a table for each statement that
-- writes it, and runs FK checks per row. On the tables every tip writes, kinds are enums (no check), the
-- account shape is checked by an insert trigger (accounts are inserted rarely), the balance rule is one
-- check, and entries carry no FKs: ledger.check_invariants() verifies the links instead.
-- ---------------------------------------------------------------------------------------------------
create type ledger.account_kind as enum (
  'fan_wallet', 'creator_earnings', 'platform_revenue', 'stripe_clearing', 'payout_clearing', 'hold');
create type ledger.transfer_kind as enum (
  'purchase', 'tip', 'refund', 'dispute', 'adjustment', 'call_minute', 'message', 'subscription', 'order', 'payout');

create table ledger.accounts (
  id bigint generated always as identity primary key,
  kind ledger.account_kind not null,
  owner_id uuid references public.profiles (id),
  shard integer not null default 0,
  balance bigint not null default 0,
  version bigint not null default 0,
  flagged boolean not null default false,
  created_at timestamptz not null default now(),
  -- Never below zero, except the clearing accounts (money outside the ledger) and a clawed-back wallet,
  -- which is flagged exactly while it is negative.
  constraint accounts_balance_rules check (
    (balance >= 0 or kind in ('stripe_clearing', 'payout_clearing') or (kind = 'fan_wallet' and flagged))
    and (not flagged or (kind = 'fan_wallet' and balance < 0))),
  constraint accounts_identity unique nulls not distinct (kind, owner_id, shard)
) with (fillfactor = 50); -- balance/version updates stay HOT (no indexed column changes)
comment on column ledger.accounts.shard is 'Sub-account number of a hot account (platform_revenue, creator_earnings); balances are summed over shards on read.';
comment on column ledger.accounts.version is 'Number of entries on this account; entries carry 1..version.';
comment on column ledger.accounts.flagged is 'Fan wallet taken below zero by a refund/dispute clawback: it cannot spend until back at >= 0.';
create index accounts_owner_idx on ledger.accounts (owner_id) where owner_id is not null;

-- Owner and shard rules, checked when an account is created (never on balance updates).
create function ledger.check_account_shape() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (new.owner_id is null) <> (new.kind in ('platform_revenue', 'stripe_clearing', 'payout_clearing')) then
    raise exception 'Account kind % %', new.kind,
      case when new.owner_id is null then 'needs an owner' else 'has no owner' end using errcode = 'CO422';
  end if;
  if new.shard < 0 or (new.shard <> 0 and new.kind not in ('platform_revenue', 'creator_earnings')) then
    raise exception 'Account kind % cannot have shard %', new.kind, new.shard using errcode = 'CO422';
  end if;
  return new;
end;
$$;
create trigger accounts_shape before insert or update of kind, owner_id, shard on ledger.accounts
  for each row execute function ledger.check_account_shape();

create table ledger.transfers (
  id bigint generated always as identity primary key,
  kind ledger.transfer_kind not null,
  idempotency_scope text not null,
  idempotency_key text not null,
  request_hash bytea not null,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  constraint transfers_idempotency unique (idempotency_scope, idempotency_key)
);
comment on column ledger.transfers.idempotency_key is 'Chosen by the caller (1..255 characters, checked by the functions).';
comment on column ledger.transfers.idempotency_scope is 'Namespace of the key, e.g. tip:<fan id>, stripe.checkout, hold:<hold id>.';
comment on column ledger.transfers.request_hash is 'sha256 of the request parameters: the same key with other parameters is CO410.';
comment on column ledger.transfers.metadata is 'memo (shown in histories) and the request details.';

create table ledger.entries (
  -- Insertion order (entry_id in the API), from an identity: unique without an index of its own; the two
  -- keys below are what lookups use (a transfer's legs; an account's history).
  id bigint generated always as identity,
  transfer_id bigint not null, -- ledger.transfers (id); verified by ledger.check_invariants(), see above
  account_id bigint not null,  -- ledger.accounts (id); idem
  amount bigint not null constraint entries_amount_nonzero check (amount <> 0),
  balance_after bigint not null,
  account_version bigint not null,
  constraint entries_pkey primary key (transfer_id, account_id),
  constraint entries_account_version unique (account_id, account_version)
);
comment on column ledger.entries.amount is 'Signed tokens: positive credits the account.';
comment on column ledger.entries.account_version is 'The account version this entry produced (1, 2, 3… per account).';

-- Append-only: the grants say no, and the triggers say no even to the owner.
create function ledger.forbid_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '% is append-only: corrections are new reversing transfers', tg_table_name using errcode = 'CO403';
end;
$$;

create trigger transfers_append_only before update or delete on ledger.transfers
  for each row execute function ledger.forbid_change();
create trigger transfers_no_truncate before truncate on ledger.transfers
  for each statement execute function ledger.forbid_change();
create trigger entries_append_only before update or delete on ledger.entries
  for each row execute function ledger.forbid_change();
create trigger entries_no_truncate before truncate on ledger.entries
  for each statement execute function ledger.forbid_change();

-- Two-phase holds (calls): tokens parked in the payer's hold account until posted or voided.
create table ledger.holds (
  id bigint generated always as identity primary key,
  kind ledger.transfer_kind not null,
  payer_id uuid not null references public.profiles (id),
  payee_id uuid not null references public.profiles (id),
  wallet_account_id bigint not null references ledger.accounts (id),
  hold_account_id bigint not null references ledger.accounts (id),
  amount bigint not null constraint holds_amount check (amount > 0),
  posted bigint not null default 0 constraint holds_posted check (posted >= 0),
  released bigint not null default 0 constraint holds_released check (released >= 0),
  status text not null default 'open' constraint holds_status check (status in ('open', 'posted', 'voided')),
  hold_transfer_id bigint not null unique references ledger.transfers (id),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  constraint holds_within_amount check (posted + released <= amount),
  constraint holds_closed_settled check ((status = 'open') = (posted + released < amount and closed_at is null))
);
comment on column ledger.holds.posted is 'Tokens moved from the hold to the payee (and platform fee) so far.';
comment on column ledger.holds.released is 'Tokens returned to the payer wallet when the hold closed.';
create index holds_open_idx on ledger.holds (hold_account_id) where status = 'open';

-- Only the functions touch these tables. Nobody — not even the owner the functions run as — keeps the
-- right to rewrite history (a superuser bypasses grants, hence the triggers above as well).
revoke all on all tables in schema ledger from public, anon, authenticated, service_role;
revoke all on all sequences in schema ledger from public, anon, authenticated, service_role;
revoke update, delete, truncate on ledger.transfers, ledger.entries from current_user;

-- Fixed accounts: clearing accounts and the platform revenue shards.
insert into ledger.accounts (kind, shard) values ('stripe_clearing', 0), ('payout_clearing', 0);
insert into ledger.accounts (kind, shard)
select 'platform_revenue', s from generate_series(0, (select c.platform_shards - 1 from ledger.config c)) s;

-- ---------------------------------------------------------------------------------------------------
-- internal helpers (SECURITY INVOKER, callable only from the owner's functions)
-- ---------------------------------------------------------------------------------------------------

-- Looks up an account without creating it.
create function ledger.find_account(p_kind ledger.account_kind, p_owner uuid, p_shard integer) returns bigint
language plpgsql
stable
set search_path = ''
as $$
declare
  v_id bigint;
begin
  -- Two branches so both use the (kind, owner_id, shard) index.
  if p_owner is null then
    select a.id into v_id from ledger.accounts a
     where a.kind = p_kind and a.owner_id is null and a.shard = p_shard;
  else
    select a.id into v_id from ledger.accounts a
     where a.kind = p_kind and a.owner_id = p_owner and a.shard = p_shard;
  end if;
  return v_id;
end;
$$;

-- Get-or-create, race-safe: insert … on conflict do nothing, then re-select (a concurrent creator's row
-- is visible once it committed; the insert waited for it). Sharded kinds get all their shards at once,
-- always in shard order, so concurrent creators never wait on each other crosswise.
create function ledger.account_for(p_kind text, p_owner uuid, p_shard integer default 0) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_kind ledger.account_kind;
  v_id bigint;
  v_shards integer;
begin
  if p_kind is null or p_kind not in ('fan_wallet', 'creator_earnings', 'platform_revenue', 'stripe_clearing', 'payout_clearing', 'hold') then
    raise exception 'Unknown account kind %', p_kind using errcode = 'CO422';
  end if;
  v_kind := p_kind::ledger.account_kind;
  v_id := ledger.find_account(v_kind, p_owner, coalesce(p_shard, 0));
  if v_id is not null then
    return v_id;
  end if;
  if (p_owner is null) <> (p_kind in ('platform_revenue', 'stripe_clearing', 'payout_clearing')) then
    raise exception 'Account kind % %', p_kind,
      case when p_owner is null then 'needs an owner' else 'has no owner' end using errcode = 'CO422';
  end if;
  if p_owner is not null and not exists (select 1 from public.profiles p where p.id = p_owner) then
    raise exception 'No such user' using errcode = 'CO404';
  end if;
  if p_kind in ('creator_earnings', 'platform_revenue') then
    select case p_kind when 'creator_earnings' then c.creator_shards else c.platform_shards end
      into v_shards from ledger.config c;
    insert into ledger.accounts (kind, owner_id, shard)
    select v_kind, p_owner, s from generate_series(0, greatest(v_shards - 1, coalesce(p_shard, 0))) s
    on conflict do nothing;
  else
    if coalesce(p_shard, 0) <> 0 then
      raise exception 'Account kind % is not sharded', p_kind using errcode = 'CO422';
    end if;
    insert into ledger.accounts (kind, owner_id, shard) values (v_kind, p_owner, 0) on conflict do nothing;
  end if;
  return ledger.find_account(v_kind, p_owner, coalesce(p_shard, 0));
end;
$$;

-- Claims (scope, key) for a new transfer. Returns the new transfer id and replayed = false; or, when the
-- key was used before with the same fingerprint, the original transfer id and replayed = true. A
-- concurrent claim of the same key waits on the unique index until the first one commits or rolls back.
create function ledger.claim_transfer(
  p_kind text, p_scope text, p_key text, p_request jsonb, p_metadata jsonb,
  out transfer_id bigint, out replayed boolean)
language plpgsql
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  v_hash bytea := pg_catalog.sha256(pg_catalog.convert_to(p_request::text, 'UTF8'));
  v_existing record;
begin
  if p_key is null or char_length(p_key) not between 1 and 255 then
    raise exception 'An idempotency key of 1 to 255 characters is required' using errcode = 'CO422';
  end if;
  insert into ledger.transfers (kind, idempotency_scope, idempotency_key, request_hash, metadata)
  values (p_kind::ledger.transfer_kind, p_scope, p_key, v_hash, coalesce(p_metadata, '{}'::jsonb))
  on conflict (idempotency_scope, idempotency_key) do nothing
  returning id into transfer_id;
  if transfer_id is not null then
    replayed := false;
    return;
  end if;
  select t.id, t.kind, t.request_hash into v_existing
    from ledger.transfers t where t.idempotency_scope = p_scope and t.idempotency_key = p_key;
  if v_existing.request_hash <> v_hash or v_existing.kind::text <> p_kind then
    raise exception 'This idempotency key was already used for a different request' using errcode = 'CO410';
  end if;
  transfer_id := v_existing.id;
  replayed := true;
end;
$$;

-- Writes the entries of transfer p_transfer. p_accounts are distinct, p_amounts non-zero and summing to 0.
-- Locks every account in one fixed order (by id, FOR UPDATE) in a single statement that also finds a debit
-- that would break a limit; then one statement updates balances/versions and inserts the entries.
-- Limits: fan wallets, creator earnings, platform revenue and holds never go below zero; a flagged wallet
-- cannot be debited; p_clawback (refund/dispute only) lets a fan wallet go negative, which flags it. Any
-- credit that brings a wallet back to >= 0 clears the flag.
create function ledger.post_legs(p_transfer bigint, p_accounts bigint[], p_amounts bigint[], p_clawback boolean)
returns table (account_id bigint, balance_after bigint)
language plpgsql
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  v_locked integer;
  v_bad bigint;
  v_bad_row record;
begin
  if cardinality(p_accounts) < 2 or cardinality(p_accounts) <> cardinality(p_amounts)
     or (select sum(x) from unnest(p_amounts) x) <> 0 or 0 = any (p_amounts) then
    raise exception 'A transfer needs at least two non-zero legs that sum to zero' using errcode = 'CO422';
  end if;

  select count(*)::integer,
         min(a.id) filter (where l.amount < 0 and (
           (a.kind = 'fan_wallet' and not p_clawback and (a.flagged or a.balance + l.amount < 0))
           or (a.kind in ('creator_earnings', 'platform_revenue', 'hold') and a.balance + l.amount < 0)))
    into v_locked, v_bad
    from (select x.id, x.kind, x.balance, x.flagged from ledger.accounts x
           where x.id = any (p_accounts) order by x.id for update) a
    join unnest(p_accounts, p_amounts) as l (id, amount) on l.id = a.id;

  if v_locked <> cardinality(p_accounts) then
    raise exception 'Unknown ledger account' using errcode = 'CO404';
  end if;
  if v_bad is not null then
    select a.kind, a.balance, a.flagged, l.amount into v_bad_row
      from ledger.accounts a join unnest(p_accounts, p_amounts) as l (id, amount) on l.id = a.id
     where a.id = v_bad;
    if v_bad_row.kind = 'fan_wallet' and v_bad_row.flagged then
      raise exception 'Your wallet is locked: a refund or chargeback left it at % tokens. Buy tokens to repay it before spending.',
        v_bad_row.balance using errcode = 'CO402';
    end if;
    raise exception 'Insufficient tokens: the balance is %, this needs %', v_bad_row.balance, -v_bad_row.amount
      using errcode = 'CO402';
  end if;

  return query
  with l as (select * from unnest(p_accounts, p_amounts) as l (id, amount)),
  u as (
    update ledger.accounts a
       set balance = a.balance + l.amount,
           version = a.version + 1,
           flagged = (a.kind = 'fan_wallet' and a.balance + l.amount < 0)
      from l
     where a.id = l.id and a.id = any (p_accounts)
    returning a.id, a.balance, a.version, l.amount
  ),
  ins as (
    insert into ledger.entries (transfer_id, account_id, amount, balance_after, account_version)
    select p_transfer, u.id, u.amount, u.balance, u.version from u order by u.id
    returning ledger.entries.account_id, ledger.entries.balance_after
  )
  select ins.account_id, ins.balance_after from ins;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- grants: nothing in this schema for PUBLIC/anon/authenticated; service_role may get-or-create accounts
-- (to build ledger.transfer legs). The money-moving functions follow in 20261123000201_ledger_transfers.sql.
-- ---------------------------------------------------------------------------------------------------
revoke all on all functions in schema ledger from public, anon, authenticated, service_role;
grant execute on function ledger.account_for(text, uuid, integer) to service_role;
