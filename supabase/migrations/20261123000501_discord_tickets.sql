-- Discord tickets: a private channel per ticket, a state machine enforced here (Open → In Progress →
-- Resolved, Reopen back to Open), and one ticket_events row for every state change, written in the same
-- transaction as the change. Also the channels the poller tracks (ticket channels are added here).

create table discord.channels (
  channel_id text primary key,
  guild_id text not null,
  kind text not null default 'text' constraint channels_kind check (kind in ('text', 'thread', 'ticket')),
  tracked boolean not null default true,
  -- Id of the newest message stored from this channel; moved only after the batch is committed.
  cursor text,
  last_polled_at timestamptz,
  created_at timestamptz not null default now()
);
create index channels_guild_idx on discord.channels (guild_id) where tracked;

-- Overflow categories created when the configured ticket category holds 50 channels.
create table discord.ticket_categories (
  category_id text primary key,
  guild_id text not null,
  name text not null,
  created_at timestamptz not null default now()
);

create table discord.tickets (
  id bigint generated always as identity primary key,
  guild_id text not null,
  number integer not null,
  opener_id text not null,
  subject text not null constraint tickets_subject_length check (char_length(btrim(subject)) between 1 and 100),
  description text not null constraint tickets_description_length check (char_length(description) <= 2000),
  state text not null default 'open' constraint tickets_state check (state in ('open', 'in_progress', 'resolved')),
  assignee_id text,
  channel_id text unique,
  category_id text,
  created_at timestamptz not null default now(),
  -- First staff action on the ticket (claim or resolve by staff): first-response time = this - created_at.
  first_response_at timestamptz,
  -- Latest resolution: resolution time = this - created_at (cleared on reopen).
  resolved_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (guild_id, number)
);
create index tickets_open_by_member_idx on discord.tickets (guild_id, opener_id) where state <> 'resolved';

create table discord.ticket_events (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references discord.tickets (id) on delete cascade,
  action text not null constraint ticket_events_action check (action in ('open', 'claim', 'resolve', 'close', 'reopen')),
  from_state text,
  to_state text not null,
  actor_id text not null,
  at timestamptz not null default now()
);
create index ticket_events_ticket_idx on discord.ticket_events (ticket_id, id);

revoke all on discord.channels, discord.ticket_categories, discord.tickets, discord.ticket_events from public, anon, authenticated;
grant select, insert, update, delete on discord.channels, discord.ticket_categories, discord.tickets, discord.ticket_events to service_role;

-- Opens a ticket for a member, enforcing the guild's open-ticket limit under the guild settings row lock
-- (so two concurrent opens cannot both pass), numbering it per guild, and writing the 'open' event.
create function discord.open_ticket(p_guild_id text, p_opener_id text, p_subject text, p_description text)
returns discord.tickets
language plpgsql
security definer
set search_path = ''
as $$
declare
  s discord.guild_settings;
  open_count integer;
  t discord.tickets;
begin
  insert into discord.guild_settings (guild_id) values (p_guild_id) on conflict (guild_id) do nothing;
  select * into s from discord.guild_settings g where g.guild_id = p_guild_id for update;
  select count(*) into open_count from discord.tickets k
   where k.guild_id = p_guild_id and k.opener_id = p_opener_id and k.state <> 'resolved';
  if open_count >= s.max_open_tickets then
    raise exception 'You already have % open ticket(s), the most allowed here. Resolve one before opening another.', open_count
      using errcode = 'CO409';
  end if;
  update discord.guild_settings g set next_ticket_number = g.next_ticket_number + 1 where g.guild_id = p_guild_id;
  insert into discord.tickets (guild_id, number, opener_id, subject, description)
  values (p_guild_id, s.next_ticket_number, p_opener_id, btrim(p_subject), coalesce(p_description, ''))
  returning * into t;
  insert into discord.ticket_events (ticket_id, action, from_state, to_state, actor_id)
  values (t.id, 'open', null, 'open', p_opener_id);
  return t;
end;
$$;
revoke execute on function discord.open_ticket(text, text, text, text) from public, anon, authenticated;
grant execute on function discord.open_ticket(text, text, text, text) to service_role;

-- The state machine. Allowed:
--   claim   open → in_progress          staff only; records the assignee
--   resolve open | in_progress → resolved   staff or the opener
--   close   open | in_progress → resolved   staff or the opener (/ticket close)
--   reopen  resolved → open             staff or the opener
-- Anything else raises CO409 (wrong state) or CO403 (not allowed) and changes nothing. Each change
-- writes exactly one ticket_events row in this transaction; the ticket row is locked first.
create function discord.ticket_transition(p_ticket_id bigint, p_action text, p_actor_id text, p_actor_is_staff boolean)
returns discord.tickets
language plpgsql
security definer
set search_path = ''
as $$
declare
  t discord.tickets;
  target text;
  label text;
  old_state text;
begin
  select * into t from discord.tickets k where k.id = p_ticket_id for update;
  if not found then
    raise exception 'No such ticket' using errcode = 'CO404';
  end if;
  label := 'Ticket #' || lpad(t.number::text, 4, '0');
  if p_action = 'claim' then
    if not p_actor_is_staff then
      raise exception 'Only staff can claim tickets' using errcode = 'CO403';
    end if;
    if t.state <> 'open' then
      raise exception '% is %, so it cannot be claimed', label, replace(t.state, '_', ' ') using errcode = 'CO409';
    end if;
    target := 'in_progress';
  elsif p_action in ('resolve', 'close') then
    if not (p_actor_is_staff or p_actor_id = t.opener_id) then
      raise exception 'Only staff or the member who opened % can resolve it', label using errcode = 'CO403';
    end if;
    if t.state = 'resolved' then
      raise exception '% is already resolved', label using errcode = 'CO409';
    end if;
    target := 'resolved';
  elsif p_action = 'reopen' then
    if not (p_actor_is_staff or p_actor_id = t.opener_id) then
      raise exception 'Only staff or the member who opened % can reopen it', label using errcode = 'CO403';
    end if;
    if t.state <> 'resolved' then
      raise exception '% is not resolved, so it cannot be reopened', label using errcode = 'CO409';
    end if;
    target := 'open';
  else
    raise exception 'Unknown ticket action %', p_action using errcode = 'CO422';
  end if;

  old_state := t.state;
  update discord.tickets k
     set state = target,
         assignee_id = case when p_action = 'claim' then p_actor_id when target = 'open' then null else k.assignee_id end,
         first_response_at = case when p_actor_is_staff and p_actor_id <> k.opener_id
                                  then coalesce(k.first_response_at, now()) else k.first_response_at end,
         resolved_at = case when target = 'resolved' then now() else null end,
         updated_at = now()
   where k.id = t.id
   returning * into t;
  insert into discord.ticket_events (ticket_id, action, from_state, to_state, actor_id)
  values (t.id, p_action, old_state, target, p_actor_id);
  return t;
end;
$$;
revoke execute on function discord.ticket_transition(bigint, text, text, boolean) from public, anon, authenticated;
grant execute on function discord.ticket_transition(bigint, text, text, boolean) to service_role;

-- Attaches the channel created over Discord REST and starts tracking it (transcript via the poller).
create function discord.set_ticket_channel(p_ticket_id bigint, p_channel_id text, p_category_id text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  g text;
begin
  update discord.tickets k set channel_id = p_channel_id, category_id = p_category_id, updated_at = now()
   where k.id = p_ticket_id returning k.guild_id into g;
  insert into discord.channels (channel_id, guild_id, kind) values (p_channel_id, g, 'ticket')
  on conflict (channel_id) do update set kind = 'ticket', tracked = true;
end;
$$;
revoke execute on function discord.set_ticket_channel(bigint, text, text) from public, anon, authenticated;
grant execute on function discord.set_ticket_channel(bigint, text, text) to service_role;
