-- Ticket timings for the staff dashboard: first staff response and resolution, in seconds from opening.
create view discord.ticket_metrics
with (security_invoker = true) as
select t.id as ticket_id,
       t.guild_id,
       t.number,
       t.state,
       t.created_at,
       extract(epoch from (t.first_response_at - t.created_at))::integer as first_response_seconds,
       extract(epoch from (t.resolved_at - t.created_at))::integer as resolution_seconds,
       (select count(*)::integer from discord.ticket_events e where e.ticket_id = t.id) as state_changes
  from discord.tickets t;

revoke all on discord.ticket_metrics from public, anon, authenticated;
grant select on discord.ticket_metrics to service_role;
