-- Local checkout (payments adapter, local mode): the stand-in for a Stripe Checkout Session when
-- STRIPE_SECRET_KEY is not set. Paying one posts a Stripe-signed checkout.session.completed event to the
-- same webhook route real Stripe uses, so the ledger never knows the difference. Only the server
-- (service_role) reads or writes these rows; the browser reaches them through the owner-checked routes.

create table private.local_checkout_sessions (
  id text primary key check (id ~ '^cs_local_[A-Za-z0-9]{16,64}$'),
  user_id uuid not null references auth.users (id) on delete cascade,
  package_id text not null references public.token_packages (id),
  -- tokens and price are copied from the package when the session is created, as Stripe's line item is.
  tokens integer not null check (tokens > 0),
  amount_cents integer not null check (amount_cents > 0),
  currency text not null check (currency ~ '^[a-z]{3}$'),
  status text not null default 'open' check (status in ('open', 'paid', 'failed', 'expired')),
  -- the payment_intent id the pay step put in its event (refunds and disputes reference it).
  payment_intent_id text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  updated_at timestamptz not null default now()
);
comment on table private.local_checkout_sessions is
  'Local-mode checkout sessions (cs_local_…); the ledger is credited only by the signed webhook event.';
create index local_checkout_sessions_user_idx on private.local_checkout_sessions (user_id, created_at desc);

revoke all on private.local_checkout_sessions from public, anon, authenticated;
grant select, insert, update on private.local_checkout_sessions to service_role;
