-- Token ledger, part 4: what users and admins may call. Every function here reads only the caller's own
-- accounts (auth.uid()), or checks private.is_admin(); the one that moves money is public.tip_creator.
-- EXECUTE is revoked from PUBLIC and anon and granted to authenticated.

-- ---------------------------------------------------------------------------------------------------
-- invariants (service_role directly; admins through public.admin_ledger_check)
-- ---------------------------------------------------------------------------------------------------
-- Each check returns ok and a short detail naming the first offenders. Full scans: run on demand.
-- plpgsql rather than sql so that the plan is cached per session (a SQL function with SET is planned
-- on every call).
create function ledger.check_invariants() returns table (name text, ok boolean, detail text)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  with
  per_transfer as (
    select t.id, coalesce(sum(e.amount), 0) as total, count(e.id) as n
      from ledger.transfers t left join ledger.entries e on e.transfer_id = t.id
     group by t.id
  ),
  bad_transfers as (select p.id from per_transfer p where p.total <> 0 or p.n < 2),
  bad_links as (
    select e.id from ledger.entries e
     where not exists (select 1 from ledger.transfers t where t.id = e.transfer_id)
        or not exists (select 1 from ledger.accounts a where a.id = e.account_id)
  ),
  per_account as (
    select a.id, a.kind, a.balance, a.version, a.flagged,
           coalesce(sum(e.amount), 0) as total, count(e.id) as n,
           coalesce(min(e.account_version), 1) as min_version, coalesce(max(e.account_version), 0) as max_version
      from ledger.accounts a left join ledger.entries e on e.account_id = a.id
     group by a.id
  ),
  bad_balances as (select p.id from per_account p where p.balance <> p.total),
  bad_versions as (
    select p.id from per_account p where p.version <> p.n or p.max_version <> p.n or p.min_version <> 1
  ),
  bad_chain as (
    select c.id from (
      select e.id, e.balance_after,
             sum(e.amount) over (partition by e.account_id order by e.account_version) as running
        from ledger.entries e
    ) c where c.balance_after <> c.running
  ),
  bad_limits as (
    select a.id from ledger.accounts a
     where (a.balance < 0 and not (a.kind in ('stripe_clearing', 'payout_clearing') or (a.kind = 'fan_wallet' and a.flagged)))
        or (a.flagged and not (a.kind = 'fan_wallet' and a.balance < 0))
  ),
  bad_holds as (
    select a.id from ledger.accounts a
      left join ledger.holds h on h.hold_account_id = a.id and h.status = 'open'
     where a.kind = 'hold'
     group by a.id, a.balance
    having a.balance <> coalesce(sum(h.amount - h.posted - h.released), 0)
  ),
  purchases as (
    select sp.checkout_session_id, sp.tokens,
           (select count(*) from ledger.transfers t
             where t.idempotency_scope = 'stripe.checkout' and t.idempotency_key = sp.checkout_session_id) as transfers,
           (select coalesce(sum(a.tokens), 0) from ledger.stripe_reversals r
              join ledger.stripe_reversal_applications a on a.event_id = r.event_id
             where r.payment_intent_id = sp.payment_intent_id) as reversed
      from ledger.stripe_payments sp
  ),
  bad_purchases as (
    select p.checkout_session_id as id from purchases p where p.transfers <> 1 or p.reversed > p.tokens
    union all
    select t.idempotency_key from ledger.transfers t
     where t.idempotency_scope = 'stripe.checkout'
       and not exists (select 1 from ledger.stripe_payments sp where sp.checkout_session_id = t.idempotency_key)
  ),
  results as (
    select 1 as ord, 'transfers_balanced' as name, (select count(*) from bad_transfers) as n,
           (select string_agg(x.id::text, ', ') from (select b.id from bad_transfers b order by b.id limit 5) x) as ids,
           'every transfer has at least two entries summing to 0' as what
    union all
    select 2, 'entries_linked', (select count(*) from bad_links),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_links b order by b.id limit 5) x),
           'every entry belongs to an existing transfer and account'
    union all
    select 3, 'balances_match_entries', (select count(*) from bad_balances),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_balances b order by b.id limit 5) x),
           'every account balance equals the sum of its entries'
    union all
    select 4, 'versions_contiguous', (select count(*) from bad_versions),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_versions b order by b.id limit 5) x),
           'every account has entries for versions 1..version'
    union all
    select 5, 'balance_after_chain', (select count(*) from bad_chain),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_chain b order by b.id limit 5) x),
           'every entry''s balance_after is the running sum of its account'
    union all
    select 6, 'no_overdraft', (select count(*) from bad_limits),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_limits b order by b.id limit 5) x),
           'only clearing accounts and flagged (clawed-back) wallets are below 0; flagged means below 0'
    union all
    select 7, 'ledger_sums_to_zero', case when (select coalesce(sum(a.balance), 0) from ledger.accounts a) = 0 then 0 else 1 end,
           (select 'sum of all balances is ' || coalesce(sum(a.balance), 0) from ledger.accounts a),
           'the balances of all accounts sum to 0'
    union all
    select 8, 'holds_match', (select count(*) from bad_holds),
           (select string_agg(x.id::text, ', ') from (select b.id from bad_holds b order by b.id limit 5) x),
           'every hold account holds exactly what its open holds have left'
    union all
    select 9, 'stripe_credited_once', (select count(*) from bad_purchases),
           (select string_agg(x.id, ', ') from (select b.id from bad_purchases b order by b.id limit 5) x),
           'every checkout session is credited by exactly one transfer, and never reversed beyond it'
  )
  select r.name, r.n = 0,
         case when r.n = 0 then r.what else r.n || ' failing: ' || coalesce(r.ids, '') end
    from results r order by r.ord;
end;
$$;

revoke all on function ledger.check_invariants() from public, anon, authenticated, service_role;
grant execute on function ledger.check_invariants() to service_role;

-- ---------------------------------------------------------------------------------------------------
-- the caller's own money
-- ---------------------------------------------------------------------------------------------------
-- The user-facing tip: the caller (auth.uid()) is the payer; every check is in ledger.tip.
create function public.tip_creator(creator_id uuid, amount bigint, message text, idempotency_key text)
returns table (transfer_id bigint, balance bigint)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select t.transfer_id, t.balance
      from ledger.tip((select auth.uid()), tip_creator.creator_id, tip_creator.amount, tip_creator.message,
                      tip_creator.idempotency_key) t;
end;
$$;

create function public.my_wallet() returns table (balance bigint, flagged boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
    select coalesce(sum(a.balance), 0)::bigint, coalesce(bool_or(a.flagged), false)
      from ledger.accounts a
     where a.kind = 'fan_wallet' and a.owner_id = (select auth.uid());
end;
$$;

-- The caller's entries on their wallet and their earnings, newest first. balance_after is the account's
-- balance after the entry; for the (sharded) earnings it is the total over all sub-accounts, i.e. the
-- current total minus every newer earnings entry.
create function public.my_history(kind text default null, page_size integer default 20, page integer default 1)
returns table (
  entry_id bigint, transfer_id bigint, created_at timestamptz, kind text, amount bigint, balance_after bigint,
  counterparty_username text, counterparty_display_name text, memo text, total_count bigint, account_kind text)
language sql
stable
security definer
set search_path = ''
as $$
  with
  me as (select (select auth.uid()) as id),
  acct as (
    select a.id, a.kind::text as kind from ledger.accounts a, me
     where a.owner_id = me.id and a.kind in ('fan_wallet', 'creator_earnings')
  ),
  totals as (
    select a.kind::text as kind, sum(a.balance)::bigint as balance from ledger.accounts a, me
     where a.owner_id = me.id and a.kind in ('fan_wallet', 'creator_earnings')
     group by a.kind
  ),
  mine as (
    select e.id, e.transfer_id, e.amount, e.balance_after, acct.kind as account_kind,
           t.kind::text as transfer_kind, t.created_at, t.metadata,
           tot.balance - coalesce(sum(e.amount) over (
             partition by acct.kind order by e.id desc rows between unbounded preceding and 1 preceding), 0) as running
      from ledger.entries e
      join acct on acct.id = e.account_id
      join totals tot on tot.kind = acct.kind
      join ledger.transfers t on t.id = e.transfer_id
  ),
  page as (
    select m.*, count(*) over () as total_count
      from mine m
     where my_history.kind is null or m.transfer_kind = my_history.kind
     order by m.id desc
     limit least(greatest(coalesce(my_history.page_size, 20), 1), 100)
    offset (greatest(coalesce(my_history.page, 1), 1) - 1) * least(greatest(coalesce(my_history.page_size, 20), 1), 100)
  )
  select p.id, p.transfer_id, p.created_at, p.transfer_kind, p.amount,
         case when p.account_kind = 'fan_wallet' then p.balance_after else p.running end,
         cp.username, cp.display_name, p.metadata ->> 'memo', p.total_count, p.account_kind
    from page p
    left join lateral (
      select pr.username, pr.display_name
        from ledger.entries e2
        join ledger.accounts a2 on a2.id = e2.account_id
        join public.profiles pr on pr.id = a2.owner_id
       where e2.transfer_id = p.transfer_id and a2.owner_id <> (select me.id from me)
       order by e2.id
       limit 1
    ) cp on true
   order by p.id desc
$$;

-- The caller's earnings: available (sum of the earnings sub-accounts), lifetime credits, the platform fee
-- taken in the same transfers, and credits by transfer kind.
create function public.my_earnings()
returns table (available bigint, lifetime_earned bigint, platform_fee_paid bigint, usd_cents_per_token integer, by_source jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  with
  acct as (
    select a.id, a.balance from ledger.accounts a
     where a.kind = 'creator_earnings' and a.owner_id = (select auth.uid())
  ),
  credits as (
    select e.transfer_id, e.amount, t.kind::text as kind
      from ledger.entries e join acct on acct.id = e.account_id join ledger.transfers t on t.id = e.transfer_id
     where e.amount > 0
  ),
  sources as (
    select c.kind, sum(c.amount)::bigint as tokens, count(*)::bigint as n from credits c group by c.kind
  )
  select
    (select coalesce(sum(acct.balance), 0)::bigint from acct),
    (select coalesce(sum(c.amount), 0)::bigint from credits c),
    (select coalesce(sum(pe.amount), 0)::bigint
       from ledger.entries pe join ledger.accounts pa on pa.id = pe.account_id and pa.kind = 'platform_revenue'
      where pe.transfer_id in (select c.transfer_id from credits c)),
    (select c.usd_cents_per_token from ledger.config c),
    (select coalesce(jsonb_agg(jsonb_build_object('kind', s.kind, 'tokens', s.tokens, 'count', s.n)
                               order by s.tokens desc, s.kind), '[]'::jsonb) from sources s);
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- admin: read-only ledger view
-- ---------------------------------------------------------------------------------------------------
create function public.admin_ledger_accounts(q text default null, page_size integer default 50, page integer default 1)
returns table (
  id bigint, kind text, owner_id uuid, owner_username text, shard integer, balance bigint, version bigint,
  flagged boolean, total_count bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_q text := nullif(btrim(q), '');
  v_size integer := least(greatest(coalesce(page_size, 50), 1), 200);
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the ledger' using errcode = 'CO403';
  end if;
  return query
    select a.id, a.kind::text, a.owner_id, p.username, a.shard, a.balance, a.version, a.flagged, count(*) over ()
      from ledger.accounts a left join public.profiles p on p.id = a.owner_id
     where v_q is null or a.kind::text = v_q or p.username ilike '%' || replace(replace(replace(v_q, '\', '\\'), '%', '\%'), '_', '\_') || '%'
     order by a.owner_id is not null, p.username, a.kind, a.shard, a.id
     limit v_size offset (greatest(coalesce(page, 1), 1) - 1) * v_size;
end;
$$;

create function public.admin_ledger_entries(account_id bigint, page_size integer default 50, page integer default 1)
returns table (
  entry_id bigint, transfer_id bigint, kind text, amount bigint, balance_after bigint, account_version bigint,
  created_at timestamptz, memo text, total_count bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_account bigint := account_id;
  v_size integer := least(greatest(coalesce(page_size, 50), 1), 200);
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the ledger' using errcode = 'CO403';
  end if;
  if not exists (select 1 from ledger.accounts a where a.id = v_account) then
    raise exception 'No such ledger account' using errcode = 'CO404';
  end if;
  return query
    select e.id, e.transfer_id, t.kind::text, e.amount, e.balance_after, e.account_version, t.created_at,
           t.metadata ->> 'memo', count(*) over ()
      from ledger.entries e join ledger.transfers t on t.id = e.transfer_id
     where e.account_id = v_account
     order by e.account_version desc
     limit v_size offset (greatest(coalesce(page, 1), 1) - 1) * v_size;
end;
$$;

create function public.admin_ledger_check() returns table (name text, ok boolean, detail text, checked_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can run the ledger check' using errcode = 'CO403';
  end if;
  return query select c.name, c.ok, c.detail, clock_timestamp() from ledger.check_invariants() c;
end;
$$;

revoke all on function
  public.tip_creator(uuid, bigint, text, text),
  public.my_wallet(),
  public.my_history(text, integer, integer),
  public.my_earnings(),
  public.admin_ledger_accounts(text, integer, integer),
  public.admin_ledger_entries(bigint, integer, integer),
  public.admin_ledger_check()
  from public, anon, service_role;
grant execute on function
  public.tip_creator(uuid, bigint, text, text),
  public.my_wallet(),
  public.my_history(text, integer, integer),
  public.my_earnings(),
  public.admin_ledger_accounts(text, integer, integer),
  public.admin_ledger_entries(bigint, integer, integer),
  public.admin_ledger_check()
  to authenticated;
