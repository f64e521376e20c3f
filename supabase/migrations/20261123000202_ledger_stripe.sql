-- Token ledger, part 3: Stripe purchases and reversals applied exactly once.
-- Every Stripe event id is inserted once (ledger.stripe_events) and every checkout session is credited
-- once (ledger.stripe_payments), in the same transaction as the ledger transfer: any number of
-- deliveries, in any order, concurrently. Concurrent deliveries of one key wait on the unique index until
-- the first commits, then see it and credit nothing.

create table ledger.stripe_events (
  event_id text primary key constraint stripe_events_id_length check (char_length(event_id) between 1 and 255),
  type text not null,
  received_at timestamptz not null default now()
);
comment on table ledger.stripe_events is 'Every Stripe event id seen (credited, reversed or ignored): a second delivery does nothing.';

create table ledger.stripe_payments (
  checkout_session_id text primary key constraint stripe_payments_session_length check (char_length(checkout_session_id) between 1 and 255),
  event_id text not null references ledger.stripe_events (event_id),
  user_id uuid not null references public.profiles (id),
  package_id text not null references public.token_packages (id),
  tokens bigint not null constraint stripe_payments_tokens check (tokens > 0),
  amount_cents bigint not null constraint stripe_payments_amount check (amount_cents >= 0),
  currency text not null,
  payment_intent_id text unique,
  created_at timestamptz not null default now()
);
comment on table ledger.stripe_payments is 'One row per credited checkout session; its transfer is (stripe.checkout, checkout_session_id).';
create index stripe_payments_user_idx on ledger.stripe_payments (user_id);

create table ledger.stripe_reversals (
  event_id text primary key references ledger.stripe_events (event_id),
  payment_intent_id text not null,
  kind text not null constraint stripe_reversals_kind check (kind in ('refund', 'dispute')),
  amount_cents bigint not null constraint stripe_reversals_amount check (amount_cents > 0),
  received_at timestamptz not null default now()
);
comment on table ledger.stripe_reversals is 'Refunds and disputes received; one arriving before its purchase waits here until the purchase is applied.';
create index stripe_reversals_pi_idx on ledger.stripe_reversals (payment_intent_id);

create table ledger.stripe_reversal_applications (
  event_id text primary key references ledger.stripe_reversals (event_id),
  tokens bigint not null constraint stripe_reversal_applications_tokens check (tokens >= 0),
  transfer_id bigint references ledger.transfers (id),
  applied_at timestamptz not null default now(),
  constraint stripe_reversal_applications_transfer check ((tokens > 0) = (transfer_id is not null))
);
comment on table ledger.stripe_reversal_applications is 'When and how many tokens a reversal took back (0 once the purchase is fully reversed).';

-- These are the evidence of what was credited: append-only like transfers and entries.
create trigger stripe_events_append_only before update or delete on ledger.stripe_events
  for each row execute function ledger.forbid_change();
create trigger stripe_events_no_truncate before truncate on ledger.stripe_events
  for each statement execute function ledger.forbid_change();
create trigger stripe_payments_append_only before update or delete on ledger.stripe_payments
  for each row execute function ledger.forbid_change();
create trigger stripe_payments_no_truncate before truncate on ledger.stripe_payments
  for each statement execute function ledger.forbid_change();
create trigger stripe_reversals_append_only before update or delete on ledger.stripe_reversals
  for each row execute function ledger.forbid_change();
create trigger stripe_reversals_no_truncate before truncate on ledger.stripe_reversals
  for each statement execute function ledger.forbid_change();
create trigger stripe_reversal_applications_append_only before update or delete on ledger.stripe_reversal_applications
  for each row execute function ledger.forbid_change();
create trigger stripe_reversal_applications_no_truncate before truncate on ledger.stripe_reversal_applications
  for each statement execute function ledger.forbid_change();

revoke all on ledger.stripe_events, ledger.stripe_payments, ledger.stripe_reversals, ledger.stripe_reversal_applications
  from public, anon, authenticated, service_role;
revoke update, delete, truncate
  on ledger.stripe_events, ledger.stripe_payments, ledger.stripe_reversals, ledger.stripe_reversal_applications
  from current_user;

-- Purchases and reversals of one payment intent are serialised on this lock (taken first), so a reversal
-- that arrives while its purchase is being applied is either seen by the purchase or sees the purchase.
create function ledger.lock_payment_intent(p_payment_intent_id text) returns void
language sql
set search_path = ''
as $$
  select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('ledger.stripe_pi:' || p_payment_intent_id, 0))
$$;

-- Applies one received reversal to its (credited) purchase. Tokens are proportional to the refunded
-- amount, computed on the running total so partial refunds add up exactly: after reversals totalling R
-- cents of a P-cent purchase of T tokens, floor(T * min(R, P) / P) tokens are reversed in total — never
-- more than T (a dispute after a full refund takes nothing more). The wallet may go negative (flagged).
-- Caller holds the payment intent lock.
create function ledger.apply_reversal(p_event_id text, out reversed boolean, out tokens bigint, out transfer_id bigint)
language plpgsql
set search_path = ''
as $$
declare
  v_rev ledger.stripe_reversals;
  v_pay ledger.stripe_payments;
  v_prior_cents bigint;
  v_prior_tokens bigint;
  v_target bigint;
  v_wallet bigint;
  v_clearing bigint;
  v_claim record;
begin
  select r.* into v_rev from ledger.stripe_reversals r where r.event_id = p_event_id;
  select p.* into v_pay from ledger.stripe_payments p where p.payment_intent_id = v_rev.payment_intent_id;
  select coalesce(sum(r.amount_cents), 0)::bigint, coalesce(sum(a.tokens), 0)::bigint
    into v_prior_cents, v_prior_tokens
    from ledger.stripe_reversals r join ledger.stripe_reversal_applications a on a.event_id = r.event_id
   where r.payment_intent_id = v_rev.payment_intent_id;
  v_target := case when v_pay.amount_cents = 0 then v_pay.tokens
                   else v_pay.tokens * least(v_prior_cents + v_rev.amount_cents, v_pay.amount_cents) / v_pay.amount_cents end;
  tokens := greatest(v_target - v_prior_tokens, 0);
  reversed := tokens > 0;
  if reversed then
    v_wallet := ledger.account_for('fan_wallet', v_pay.user_id, 0);
    v_clearing := ledger.find_account('stripe_clearing', null, 0);
    select c.transfer_id into v_claim
      from ledger.claim_transfer(v_rev.kind, 'stripe.reversal', p_event_id,
        jsonb_build_array(v_rev.kind, v_rev.payment_intent_id, v_rev.amount_cents, tokens),
        jsonb_build_object(
          'memo', case v_rev.kind when 'refund' then 'Refund' else 'Chargeback' end || ' of ' || tokens || ' tokens',
          'payment_intent_id', v_rev.payment_intent_id, 'checkout_session_id', v_pay.checkout_session_id,
          'event_id', p_event_id, 'amount_cents', v_rev.amount_cents)) c;
    transfer_id := v_claim.transfer_id;
    perform ledger.post_legs(transfer_id, array[v_wallet, v_clearing], array[-tokens, tokens], true);
  end if;
  insert into ledger.stripe_reversal_applications (event_id, tokens, transfer_id) values (p_event_id, tokens, transfer_id);
end;
$$;

-- checkout.session.completed / async_payment_succeeded (paid): credits the package's tokens to the
-- buyer's wallet (stripe_clearing → fan_wallet) exactly once per event id AND per checkout session.
-- Returns credited = false for a repeated event or an already credited session. Reversals that arrived
-- before the purchase are applied right after the credit.
create function ledger.apply_stripe_purchase(
  p_event_id text, p_checkout_session_id text, p_user_id uuid, p_package_id text, p_tokens bigint,
  p_amount_cents bigint, p_currency text, p_payment_intent_id text)
returns table (credited boolean, transfer_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_rows integer;
  v_wallet bigint;
  v_clearing bigint;
  v_claim record;
  v_pending record;
begin
  if p_event_id is null or p_checkout_session_id is null or p_user_id is null or p_package_id is null then
    raise exception 'event id, checkout session id, user id and package id are required' using errcode = 'CO422';
  end if;
  if p_tokens is null or p_tokens < 1 or p_amount_cents is null or p_amount_cents < 0 then
    raise exception 'tokens must be positive and the amount not negative' using errcode = 'CO422';
  end if;
  if p_currency is null or p_currency !~* '^[a-z]{3}$' then
    raise exception 'currency must be a 3-letter code' using errcode = 'CO422';
  end if;
  if p_payment_intent_id is not null then
    perform ledger.lock_payment_intent(p_payment_intent_id);
  end if;

  insert into ledger.stripe_events (event_id, type) values (p_event_id, 'checkout.session') on conflict do nothing;
  get diagnostics v_rows = row_count;
  if v_rows = 0 then
    return query select false, null::bigint;
    return;
  end if;
  if not exists (select 1 from public.profiles p where p.id = p_user_id) then
    raise exception 'No such user' using errcode = 'CO404';
  end if;
  if not exists (select 1 from public.token_packages k where k.id = p_package_id) then
    raise exception 'Unknown token package %', p_package_id using errcode = 'CO404';
  end if;
  insert into ledger.stripe_payments
    (checkout_session_id, event_id, user_id, package_id, tokens, amount_cents, currency, payment_intent_id)
  values (p_checkout_session_id, p_event_id, p_user_id, p_package_id, p_tokens, p_amount_cents, lower(p_currency), p_payment_intent_id)
  on conflict (checkout_session_id) do nothing;
  get diagnostics v_rows = row_count;
  if v_rows = 0 then
    return query select false, null::bigint;
    return;
  end if;

  v_wallet := ledger.account_for('fan_wallet', p_user_id, 0);
  v_clearing := ledger.find_account('stripe_clearing', null, 0);
  select c.transfer_id, c.replayed into v_claim
    from ledger.claim_transfer('purchase', 'stripe.checkout', p_checkout_session_id,
      jsonb_build_array('purchase', p_user_id, p_package_id, p_tokens, p_amount_cents, lower(p_currency), p_payment_intent_id),
      jsonb_build_object('memo', p_tokens || ' tokens (' || p_package_id || ')', 'package_id', p_package_id,
        'checkout_session_id', p_checkout_session_id, 'event_id', p_event_id, 'amount_cents', p_amount_cents,
        'currency', lower(p_currency), 'payment_intent_id', p_payment_intent_id)) c;
  perform ledger.post_legs(v_claim.transfer_id, array[v_clearing, v_wallet], array[-p_tokens, p_tokens], false);

  if p_payment_intent_id is not null then
    for v_pending in
      select r.event_id from ledger.stripe_reversals r
       where r.payment_intent_id = p_payment_intent_id
         and not exists (select 1 from ledger.stripe_reversal_applications a where a.event_id = r.event_id)
       order by r.received_at, r.event_id
    loop
      perform ledger.apply_reversal(v_pending.event_id);
    end loop;
  end if;
  return query select true, v_claim.transfer_id;
end;
$$;

-- charge.refunded / charge.dispute.created: takes back tokens in proportion to p_amount_cents (this
-- event's refund or disputed amount), once per event id, never more than the purchase credited in
-- total. May take the wallet below zero, which flags it (see README, "Token ledger"). A reversal whose
-- purchase is not credited yet is recorded and applied when the purchase arrives (reversed = false now).
create function ledger.apply_stripe_reversal(p_event_id text, p_kind text, p_payment_intent_id text, p_amount_cents bigint)
returns table (reversed boolean, tokens bigint, transfer_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_rows integer;
begin
  if p_event_id is null or p_payment_intent_id is null then
    raise exception 'event id and payment intent id are required' using errcode = 'CO422';
  end if;
  if p_kind is null or p_kind not in ('refund', 'dispute') then
    raise exception 'kind must be refund or dispute' using errcode = 'CO422';
  end if;
  if p_amount_cents is null or p_amount_cents < 1 then
    raise exception 'the reversed amount must be positive' using errcode = 'CO422';
  end if;
  perform ledger.lock_payment_intent(p_payment_intent_id);

  insert into ledger.stripe_events (event_id, type) values (p_event_id, 'charge.' || p_kind) on conflict do nothing;
  get diagnostics v_rows = row_count;
  if v_rows = 0 then
    return query select false, 0::bigint, null::bigint;
    return;
  end if;
  insert into ledger.stripe_reversals (event_id, payment_intent_id, kind, amount_cents)
  values (p_event_id, p_payment_intent_id, p_kind, p_amount_cents);
  if not exists (select 1 from ledger.stripe_payments p where p.payment_intent_id = p_payment_intent_id) then
    return query select false, 0::bigint, null::bigint;
    return;
  end if;
  return query select r.reversed, r.tokens, r.transfer_id from ledger.apply_reversal(p_event_id) r;
end;
$$;

-- Any other event: remember it was seen. True the first time.
create function ledger.record_stripe_event(p_event_id text, p_type text) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_rows integer;
begin
  if p_event_id is null or p_type is null then
    raise exception 'event id and type are required' using errcode = 'CO422';
  end if;
  insert into ledger.stripe_events (event_id, type) values (p_event_id, left(p_type, 100)) on conflict do nothing;
  get diagnostics v_rows = row_count;
  return v_rows = 1;
end;
$$;

revoke all on function
  ledger.lock_payment_intent(text),
  ledger.apply_reversal(text),
  ledger.apply_stripe_purchase(text, text, uuid, text, bigint, bigint, text, text),
  ledger.apply_stripe_reversal(text, text, text, bigint),
  ledger.record_stripe_event(text, text)
  from public, anon, authenticated, service_role;
grant execute on function
  ledger.apply_stripe_purchase(text, text, uuid, text, bigint, bigint, text, text),
  ledger.apply_stripe_reversal(text, text, text, bigint),
  ledger.record_stripe_event(text, text)
  to service_role;
