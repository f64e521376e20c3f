-- Token ledger, part 2: the functions that move tokens (service_role): a generic multi-leg transfer, the
-- set-based tip, and two-phase holds. All of them lock accounts through one statement in id order
-- (ledger.post_legs, or the tip's own find-and-lock) and claim an idempotency key first.

-- ---------------------------------------------------------------------------------------------------
-- core API (service_role)
-- ---------------------------------------------------------------------------------------------------

-- Generic multi-leg transfer between existing accounts (adjustments, later features). Legs on the same
-- account are netted. Same (scope, key) + same legs/kind/metadata returns the original transfer.
create function ledger.transfer(
  p_kind text, p_scope text, p_key text, p_accounts bigint[], p_amounts bigint[],
  p_metadata jsonb default '{}'::jsonb, p_clawback boolean default false)
returns table (transfer_id bigint, replayed boolean)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_ids bigint[];
  v_amounts bigint[];
  v_claim record;
begin
  if p_scope is null or char_length(p_scope) not between 1 and 200 then
    raise exception 'An idempotency scope is required' using errcode = 'CO422';
  end if;
  if cardinality(p_accounts) is distinct from cardinality(p_amounts) or p_accounts is null
     or array_position(p_accounts, null) is not null or array_position(p_amounts, null) is not null then
    raise exception 'accounts and amounts must be arrays of the same length without nulls' using errcode = 'CO422';
  end if;
  if p_kind is null or p_kind not in ('purchase', 'tip', 'refund', 'dispute', 'adjustment', 'call_minute', 'message', 'subscription', 'order', 'payout') then
    raise exception 'Unknown transfer kind %', p_kind using errcode = 'CO422';
  end if;
  select array_agg(n.id order by n.id), array_agg(n.amount order by n.id) into v_ids, v_amounts
    from (select l.id, sum(l.amount)::bigint as amount from unnest(p_accounts, p_amounts) as l (id, amount)
           group by l.id) n
   where n.amount <> 0;
  if exists (select 1 from ledger.accounts a where a.id = any (v_ids) and a.kind = 'hold') then
    raise exception 'Hold accounts move only through hold, post_hold and void_hold' using errcode = 'CO422';
  end if;

  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer(p_kind, p_scope, p_key,
      jsonb_build_array(p_kind, to_jsonb(v_ids), to_jsonb(v_amounts), coalesce(p_metadata, '{}'::jsonb), coalesce(p_clawback, false)),
      p_metadata) c;
  if not v_claim.replayed then
    perform ledger.post_legs(v_claim.transfer_id, coalesce(v_ids, '{}'), coalesce(v_amounts, '{}'), coalesce(p_clawback, false));
  end if;
  return query select v_claim.transfer_id, v_claim.replayed;
end;
$$;

-- A tip: payer wallet → creator earnings (amount − fee) + platform revenue (fee), fee from config.
-- Checks: payer exists and is not banned (CO403), target is an active creator (CO404), amount within
-- 1..tip_max, message within tip_message_max characters, not to oneself (CO422), funds and no clawback
-- lock (CO402), idempotency per payer (CO410). A replay returns the original transfer id and the wallet
-- balance right after it. This is the hot path, so it is set-based in three statements:
--   1. claim the idempotency key (insert the transfer; on conflict, compare fingerprints and replay);
--   2. read config and both profiles, and find-and-lock the three accounts in id order (FOR UPDATE);
--   3. update the three balances and insert the three entries.
-- The creator and platform sub-accounts are picked from the transfer id (round robin), so concurrent tips
-- to one creator, and all tips to the platform, land on different rows.
create function ledger.tip(p_payer uuid, p_creator uuid, p_amount bigint, p_message text, p_key text,
  out transfer_id bigint, out balance bigint)
language plpgsql
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  v_message text := nullif(btrim(p_message), '');
  v_hash bytea;
  v_tid bigint;
  v_prior record;
  v_cfg record;
  v_fee bigint;
begin
  if p_key is null or char_length(p_key) not between 1 and 255 then
    raise exception 'An idempotency key of 1 to 255 characters is required' using errcode = 'CO422';
  end if;
  if p_payer is null then
    raise exception 'Your account cannot send tips' using errcode = 'CO403';
  end if;

  -- 1. Idempotency (as ledger.claim_transfer, inlined).
  v_hash := pg_catalog.sha256(pg_catalog.convert_to(jsonb_build_array('tip', p_creator, p_amount, v_message)::text, 'UTF8'));
  insert into ledger.transfers (kind, idempotency_scope, idempotency_key, request_hash, metadata)
  values ('tip', 'tip:' || p_payer::text, p_key, v_hash,
          jsonb_build_object('memo', v_message, 'payer_id', p_payer, 'creator_id', p_creator))
  on conflict (idempotency_scope, idempotency_key) do nothing
  returning id into v_tid;
  if v_tid is null then
    select t.id, t.kind, t.request_hash into v_prior
      from ledger.transfers t where t.idempotency_scope = 'tip:' || p_payer::text and t.idempotency_key = p_key;
    if v_prior.kind <> 'tip' or v_prior.request_hash <> v_hash then
      raise exception 'This idempotency key was already used for a different request' using errcode = 'CO410';
    end if;
    select e.transfer_id, e.balance_after into transfer_id, balance
      from ledger.entries e join ledger.accounts a on a.id = e.account_id
     where e.transfer_id = v_prior.id and a.kind = 'fan_wallet';
    return;
  end if;

  for attempt in 1..2 loop
    -- 2. Config, profiles, and the three accounts locked in id order (the wallet's balance comes with it).
    select c.fee_bps, c.tip_max, c.tip_message_max, c.creator_shards, c.platform_shards,
           exists (select 1 from public.profiles p where p.id = p_payer and not p.is_banned) as payer_ok,
           exists (select 1 from public.profiles p where p.id = p_creator and p.role = 'creator' and not p.is_banned) as creator_ok,
           l.wallet, l.wallet_balance, l.wallet_flagged, l.earnings, l.platform
      into v_cfg
      from ledger.config c
      cross join lateral (
        select max(a.id) filter (where a.kind = 'fan_wallet') as wallet,
               max(a.balance) filter (where a.kind = 'fan_wallet') as wallet_balance,
               bool_or(a.flagged) filter (where a.kind = 'fan_wallet') as wallet_flagged,
               max(a.id) filter (where a.kind = 'creator_earnings') as earnings,
               max(a.id) filter (where a.kind = 'platform_revenue') as platform
          from (select x.id, x.kind, x.balance, x.flagged from ledger.accounts x
                 where (x.kind = 'fan_wallet' and x.owner_id = p_payer and x.shard = 0)
                    or (x.kind = 'creator_earnings' and x.owner_id = p_creator and x.shard = v_tid % c.creator_shards)
                    or (x.kind = 'platform_revenue' and x.owner_id is null and x.shard = v_tid % c.platform_shards)
                 order by x.id
                 for update) a
      ) l;
    if not v_cfg.payer_ok then
      raise exception 'Your account cannot send tips' using errcode = 'CO403';
    end if;
    if p_amount is null or p_amount < 1 or p_amount > v_cfg.tip_max then
      raise exception 'A tip is between 1 and % tokens', v_cfg.tip_max using errcode = 'CO422';
    end if;
    if char_length(v_message) > v_cfg.tip_message_max then
      raise exception 'A tip message is at most % characters', v_cfg.tip_message_max using errcode = 'CO422';
    end if;
    if p_creator = p_payer then
      raise exception 'You cannot tip yourself' using errcode = 'CO422';
    end if;
    if not v_cfg.creator_ok then
      raise exception 'Creator not found' using errcode = 'CO404';
    end if;
    if v_cfg.wallet is null then
      raise exception 'Insufficient tokens: the balance is 0, this needs %', p_amount using errcode = 'CO402';
    end if;
    exit when v_cfg.earnings is not null and v_cfg.platform is not null;
    -- First tip to this creator (or new platform shards): create the sub-accounts, then lock again.
    -- Creating happens before any other row lock of ours could be waited on in another order.
    perform ledger.account_for('creator_earnings', p_creator, (v_tid % v_cfg.creator_shards)::integer);
    perform ledger.account_for('platform_revenue', null, (v_tid % v_cfg.platform_shards)::integer);
  end loop;
  if v_cfg.wallet_flagged then
    raise exception 'Your wallet is locked: a refund or chargeback left it at % tokens. Buy tokens to repay it before spending.',
      v_cfg.wallet_balance using errcode = 'CO402';
  end if;
  if v_cfg.wallet_balance < p_amount then
    raise exception 'Insufficient tokens: the balance is %, this needs %', v_cfg.wallet_balance, p_amount
      using errcode = 'CO402';
  end if;

  -- 3. Balances and entries in one statement (the wallet was checked under its lock above).
  v_fee := p_amount * v_cfg.fee_bps / 10000;
  with l (id, amount) as (
    values (v_cfg.wallet, -p_amount), (v_cfg.earnings, p_amount - v_fee), (v_cfg.platform, v_fee)
  ),
  u as (
    update ledger.accounts a
       set balance = a.balance + l.amount, version = a.version + 1
      from l
     where a.id = l.id and l.amount <> 0 and a.id in (v_cfg.wallet, v_cfg.earnings, v_cfg.platform)
    returning a.id, a.balance, a.version, l.amount
  ),
  ins as (
    insert into ledger.entries (transfer_id, account_id, amount, balance_after, account_version)
    select v_tid, u.id, u.amount, u.balance, u.version from u order by u.id
    returning ledger.entries.account_id, ledger.entries.balance_after
  )
  select ins.balance_after into balance from ins where ins.account_id = v_cfg.wallet;
  transfer_id := v_tid;
end;
$$;

-- Two-phase: park tokens of the payer in their hold account (e.g. a call's pre-authorisation).
create function ledger.hold(
  p_kind text, p_payer uuid, p_payee uuid, p_amount bigint, p_scope text, p_key text,
  p_metadata jsonb default '{}'::jsonb)
returns table (hold_id bigint, transfer_id bigint, balance bigint)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_claim record;
  v_wallet bigint;
  v_hold_account bigint;
  v_hold_id bigint;
  v_balance bigint;
begin
  if p_kind is null or p_kind not in ('tip', 'adjustment', 'call_minute', 'message', 'subscription', 'order') then
    raise exception 'Transfer kind % cannot be held', p_kind using errcode = 'CO422';
  end if;
  if p_amount is null or p_amount < 1 then
    raise exception 'A hold is at least 1 token' using errcode = 'CO422';
  end if;
  if p_scope is null or char_length(p_scope) not between 1 and 200 then
    raise exception 'An idempotency scope is required' using errcode = 'CO422';
  end if;
  if p_payer is null or p_payee is null or p_payer = p_payee then
    raise exception 'A hold needs a payer and a different payee' using errcode = 'CO422';
  end if;

  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer(p_kind, p_scope, p_key,
      jsonb_build_array(p_kind, 'hold', p_payer, p_payee, p_amount, coalesce(p_metadata, '{}'::jsonb)),
      coalesce(p_metadata, '{}'::jsonb) || jsonb_build_object('phase', 'hold', 'payer_id', p_payer, 'payee_id', p_payee)) c;
  if v_claim.replayed then
    return query
      select h.id, h.hold_transfer_id, e.balance_after
        from ledger.holds h join ledger.entries e on e.transfer_id = h.hold_transfer_id and e.account_id = h.wallet_account_id
       where h.hold_transfer_id = v_claim.transfer_id;
    return;
  end if;

  if not exists (select 1 from public.profiles p where p.id = p_payer and not p.is_banned) then
    raise exception 'The payer cannot spend tokens' using errcode = 'CO403';
  end if;
  if not exists (select 1 from public.profiles p where p.id = p_payee) then
    raise exception 'Payee not found' using errcode = 'CO404';
  end if;
  v_wallet := ledger.find_account('fan_wallet', p_payer, 0);
  if v_wallet is null then
    raise exception 'Insufficient tokens: the balance is 0, this needs %', p_amount using errcode = 'CO402';
  end if;
  v_hold_account := ledger.account_for('hold', p_payer, 0);

  -- Lock and move first: the holds row's foreign keys then share-lock accounts we already hold, instead
  -- of share-locking the wallet before upgrading (which deadlocks against a concurrent tip).
  select p.balance_after into v_balance
    from ledger.post_legs(v_claim.transfer_id, array[v_wallet, v_hold_account], array[-p_amount, p_amount], false) p
   where p.account_id = v_wallet;
  insert into ledger.holds (kind, payer_id, payee_id, wallet_account_id, hold_account_id, amount, hold_transfer_id)
  values (p_kind::ledger.transfer_kind, p_payer, p_payee, v_wallet, v_hold_account, p_amount, v_claim.transfer_id)
  returning id into v_hold_id;
  return query select v_hold_id, v_claim.transfer_id, v_balance;
end;
$$;

-- Settles part (p_amount) or all (p_amount null) of an open hold to the payee (minus the platform fee).
-- p_final, or posting everything left, closes the hold and returns the rest to the payer's wallet in the
-- same transfer. Several partial posts are allowed while the hold is open (a call, minute by minute).
-- Locks the hold row, then the accounts by id. Keys are scoped to the hold.
create function ledger.post_hold(p_hold_id bigint, p_amount bigint, p_key text, p_final boolean default false)
returns table (transfer_id bigint, posted bigint, remaining bigint, status text)
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
  v_remaining bigint;
  v_post bigint;
  v_release bigint;
  v_fee bigint;
  v_close boolean;
  v_accounts bigint[];
  v_amounts bigint[];
begin
  select h.kind into v_kind from ledger.holds h where h.id = p_hold_id;
  if v_kind is null then
    raise exception 'Hold not found' using errcode = 'CO404';
  end if;
  if p_amount is not null and p_amount < 0 then
    raise exception 'The amount to post cannot be negative' using errcode = 'CO422';
  end if;
  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer(v_kind, 'hold:' || p_hold_id::text, p_key,
      jsonb_build_array(v_kind, 'post', p_hold_id, p_amount, coalesce(p_final, false)),
      jsonb_build_object('phase', 'post', 'hold_id', p_hold_id)) c;

  select h.* into v_hold from ledger.holds h where h.id = p_hold_id for update;
  if v_claim.replayed then
    return query select v_claim.transfer_id, v_hold.posted, v_hold.amount - v_hold.posted - v_hold.released, v_hold.status;
    return;
  end if;
  if v_hold.status <> 'open' then
    raise exception 'This hold is already %', v_hold.status using errcode = 'CO409';
  end if;

  v_remaining := v_hold.amount - v_hold.posted - v_hold.released;
  v_post := coalesce(p_amount, v_remaining);
  if v_post > v_remaining then
    raise exception 'Only % tokens are left on this hold', v_remaining using errcode = 'CO422';
  end if;
  v_close := coalesce(p_final, false) or v_post = v_remaining;
  if v_post = 0 and not v_close then
    raise exception 'Post at least 1 token, or close the hold' using errcode = 'CO422';
  end if;
  v_release := case when v_close then v_remaining - v_post else 0 end;

  select c.* into v_cfg from ledger.config c;
  v_fee := v_post * v_cfg.fee_bps / 10000;
  v_accounts := array[v_hold.hold_account_id];
  v_amounts := array[-(v_post + v_release)];
  if v_post - v_fee > 0 then
    v_accounts := v_accounts || ledger.account_for('creator_earnings', v_hold.payee_id, (v_claim.transfer_id % v_cfg.creator_shards)::integer);
    v_amounts := v_amounts || (v_post - v_fee);
  end if;
  if v_fee > 0 then
    v_accounts := v_accounts || ledger.account_for('platform_revenue', null, (v_claim.transfer_id % v_cfg.platform_shards)::integer);
    v_amounts := v_amounts || v_fee;
  end if;
  if v_release > 0 then
    v_accounts := v_accounts || v_hold.wallet_account_id;
    v_amounts := v_amounts || v_release;
  end if;
  perform ledger.post_legs(v_claim.transfer_id, v_accounts, v_amounts, false);

  update ledger.holds h
     set posted = h.posted + v_post,
         released = h.released + v_release,
         status = case when v_close then 'posted' else 'open' end,
         closed_at = case when v_close then now() end
   where h.id = p_hold_id
  returning h.* into v_hold;
  return query select v_claim.transfer_id, v_hold.posted, v_hold.amount - v_hold.posted - v_hold.released, v_hold.status;
end;
$$;

-- Cancels an open hold: everything not yet posted goes back to the payer's wallet.
create function ledger.void_hold(p_hold_id bigint, p_key text)
returns table (transfer_id bigint, released bigint, status text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_kind text;
  v_claim record;
  v_hold ledger.holds;
  v_remaining bigint;
begin
  select h.kind into v_kind from ledger.holds h where h.id = p_hold_id;
  if v_kind is null then
    raise exception 'Hold not found' using errcode = 'CO404';
  end if;
  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer(v_kind, 'hold:' || p_hold_id::text, p_key,
      jsonb_build_array(v_kind, 'void', p_hold_id),
      jsonb_build_object('phase', 'void', 'hold_id', p_hold_id)) c;

  select h.* into v_hold from ledger.holds h where h.id = p_hold_id for update;
  if v_claim.replayed then
    return query select v_claim.transfer_id, v_hold.released, v_hold.status;
    return;
  end if;
  if v_hold.status <> 'open' then
    raise exception 'This hold is already %', v_hold.status using errcode = 'CO409';
  end if;
  v_remaining := v_hold.amount - v_hold.posted - v_hold.released;
  perform ledger.post_legs(v_claim.transfer_id, array[v_hold.hold_account_id, v_hold.wallet_account_id],
                           array[-v_remaining, v_remaining], false);
  update ledger.holds h
     set released = h.released + v_remaining, status = 'voided', closed_at = now()
   where h.id = p_hold_id
  returning h.* into v_hold;
  return query select v_claim.transfer_id, v_hold.released, v_hold.status;
end;
$$;

revoke all on function
  ledger.transfer(text, text, text, bigint[], bigint[], jsonb, boolean),
  ledger.tip(uuid, uuid, bigint, text, text),
  ledger.hold(text, uuid, uuid, bigint, text, text, jsonb),
  ledger.post_hold(bigint, bigint, text, boolean),
  ledger.void_hold(bigint, text)
  from public, anon, authenticated, service_role;
grant execute on function
  ledger.transfer(text, text, text, bigint[], bigint[], jsonb, boolean),
  ledger.tip(uuid, uuid, bigint, text, text),
  ledger.hold(text, uuid, uuid, bigint, text, text, jsonb),
  ledger.post_hold(bigint, bigint, text, boolean),
  ledger.void_hold(bigint, text)
  to service_role;
