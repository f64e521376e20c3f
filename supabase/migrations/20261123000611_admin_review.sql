-- Admin console, part 2: creator applications (a fan applies, an admin approves or rejects with a
-- reason), user reports (the "Report" action on creator profiles) and the decisions on the moderation
-- queue (Discord /audit flags and user reports). Every decision is a human one, recorded with the actor
-- and the reason in public.admin_audit_log; a ban goes through public.admin_set_banned().

-- ---------------------------------------------------------------------------------------------------
-- creator applications
-- ---------------------------------------------------------------------------------------------------
create table public.creator_applications (
  id uuid primary key default gen_random_uuid(),
  applicant_id uuid not null references public.profiles (id) on delete cascade,
  pitch text not null constraint creator_applications_pitch check (char_length(btrim(pitch)) between 20 and 2000),
  links text[] not null default '{}'
    constraint creator_applications_links check (cardinality(links) <= 5),
  status text not null default 'pending'
    constraint creator_applications_status check (status in ('pending', 'approved', 'rejected')),
  decided_by uuid references public.profiles (id) on delete set null,
  decision_reason text,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  constraint creator_applications_decided check ((status = 'pending') = (decided_at is null))
);
comment on table public.creator_applications is 'Fans asking to become creators; written only through submit_creator_application() and admin_decide_creator_application().';
create unique index creator_applications_one_pending on public.creator_applications (applicant_id) where status = 'pending';
create index creator_applications_applicant_idx on public.creator_applications (applicant_id, created_at desc);
create index creator_applications_status_idx on public.creator_applications (status, created_at);

alter table public.creator_applications enable row level security;
revoke all on public.creator_applications from anon, authenticated;
grant select on public.creator_applications to authenticated;
grant all on public.creator_applications to service_role;
create policy creator_applications_select_own_or_admin on public.creator_applications for select to authenticated
  using (applicant_id = (select auth.uid()) or (select private.is_admin()));

create function public.submit_creator_application(pitch text, links text[]) returns public.creator_applications
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  my_role text := (select private.current_role_name());
  clean text[];
  row public.creator_applications;
begin
  if me is null or my_role is null then
    raise exception 'Sign in to apply' using errcode = 'CO401';
  end if;
  if my_role <> 'fan' then
    raise exception 'Only fans can apply to become creators' using errcode = 'CO409';
  end if;
  if pitch is null or char_length(btrim(pitch)) not between 20 and 2000 then
    raise exception 'Tell us about yourself in 20 to 2000 characters' using errcode = 'CO422';
  end if;
  select coalesce(array_agg(btrim(x)), '{}') into clean from unnest(coalesce(links, '{}')) as x where btrim(x) <> '';
  if cardinality(clean) > 5 then
    raise exception 'At most 5 links' using errcode = 'CO422';
  end if;
  if exists (select 1 from unnest(clean) as x where x !~ '^https?://[^\s/$.?#][^\s]*$' or char_length(x) > 300) then
    raise exception 'Links must be http(s) URLs of at most 300 characters' using errcode = 'CO422';
  end if;
  if exists (select 1 from public.creator_applications a where a.applicant_id = me and a.status = 'pending') then
    raise exception 'You already have an application waiting for review' using errcode = 'CO409';
  end if;
  insert into public.creator_applications (applicant_id, pitch, links)
  values (me, btrim(pitch), clean)
  returning * into row;
  return row;
end;
$$;
revoke execute on function public.submit_creator_application(text, text[]) from public, anon;
grant execute on function public.submit_creator_application(text, text[]) to authenticated;

-- Approve (the applicant becomes a creator, audited as profile.role too) or reject, with a reason.
create function public.admin_decide_creator_application(application_id uuid, approve boolean, reason text)
returns public.creator_applications
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  app public.creator_applications;
  old_role text;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can decide creator applications' using errcode = 'CO403';
  end if;
  if approve is null then
    raise exception 'approve must be true or false' using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  select * into app from public.creator_applications a where a.id = application_id for update;
  if not found then
    raise exception 'No such application' using errcode = 'CO404';
  end if;
  if app.status <> 'pending' then
    raise exception 'This application was already %', app.status using errcode = 'CO409';
  end if;
  select p.role into old_role from public.profiles p where p.id = app.applicant_id for update;
  if approve then
    if old_role <> 'fan' then
      raise exception 'The applicant is no longer a fan (now %)', old_role using errcode = 'CO409';
    end if;
    update public.profiles set role = 'creator' where id = app.applicant_id;
    insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
    values (actor, 'profile.role', app.applicant_id, btrim(reason),
            jsonb_build_object('role', old_role), jsonb_build_object('role', 'creator'));
  end if;
  update public.creator_applications a
     set status = case when approve then 'approved' else 'rejected' end,
         decided_by = actor, decision_reason = btrim(reason), decided_at = now()
   where a.id = application_id
  returning * into app;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (actor, case when approve then 'creator_application.approve' else 'creator_application.reject' end,
          app.applicant_id, btrim(reason),
          jsonb_build_object('application_id', app.id, 'status', 'pending', 'role', old_role),
          jsonb_build_object('application_id', app.id, 'status', app.status,
                             'role', case when approve then 'creator' else old_role end));
  return app;
end;
$$;
revoke execute on function public.admin_decide_creator_application(uuid, boolean, text) from public, anon;
grant execute on function public.admin_decide_creator_application(uuid, boolean, text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- user reports
-- ---------------------------------------------------------------------------------------------------
create table public.user_reports (
  id bigint generated always as identity primary key,
  reporter_id uuid references public.profiles (id) on delete set null,
  target_id uuid not null references public.profiles (id) on delete cascade,
  category text not null
    constraint user_reports_category check (category in ('spam', 'harassment', 'impersonation', 'inappropriate', 'other')),
  details text not null default '' constraint user_reports_details check (char_length(details) <= 1000),
  status text not null default 'pending'
    constraint user_reports_status check (status in ('pending', 'dismissed', 'warned', 'banned')),
  decided_by uuid references public.profiles (id) on delete set null,
  decision_reason text,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.user_reports is 'Reports from users about a profile; written through submit_report(), decided by admins.';
create unique index user_reports_one_pending on public.user_reports (reporter_id, target_id) where status = 'pending';
create index user_reports_pending_idx on public.user_reports (created_at) where status = 'pending';
create index user_reports_target_idx on public.user_reports (target_id);

alter table public.user_reports enable row level security;
revoke all on public.user_reports from anon, authenticated;
grant select on public.user_reports to authenticated;
grant all on public.user_reports to service_role;
create policy user_reports_select_own_or_admin on public.user_reports for select to authenticated
  using (reporter_id = (select auth.uid()) or (select private.is_admin()));

create function public.submit_report(target uuid, category text, details text) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  new_id bigint;
begin
  if me is null or (select private.current_role_name()) is null then
    raise exception 'Sign in to report' using errcode = 'CO401';
  end if;
  if category is null or category not in ('spam', 'harassment', 'impersonation', 'inappropriate', 'other') then
    raise exception 'Choose a reason for the report' using errcode = 'CO422';
  end if;
  if char_length(coalesce(details, '')) > 1000 then
    raise exception 'Details are limited to 1000 characters' using errcode = 'CO422';
  end if;
  if category = 'other' and char_length(btrim(coalesce(details, ''))) < 10 then
    raise exception 'Describe the problem in at least 10 characters' using errcode = 'CO422';
  end if;
  if target = me then
    raise exception 'You cannot report yourself' using errcode = 'CO422';
  end if;
  if not exists (select 1 from public.profiles p where p.id = target) then
    raise exception 'No such user' using errcode = 'CO404';
  end if;
  if exists (select 1 from public.user_reports r where r.reporter_id = me and r.target_id = target and r.status = 'pending') then
    raise exception 'You already reported this profile; an admin will review it' using errcode = 'CO409';
  end if;
  insert into public.user_reports (reporter_id, target_id, category, details)
  values (me, target, category, btrim(coalesce(details, '')))
  returning id into new_id;
  return new_id;
end;
$$;
revoke execute on function public.submit_report(uuid, text, text) from public, anon;
grant execute on function public.submit_report(uuid, text, text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- moderation queue: Discord flags + user reports in one list; decisions dismiss / warn / ban
-- ---------------------------------------------------------------------------------------------------
alter table discord.moderation_queue add column decision text
  constraint moderation_queue_decision check (decision in ('dismiss', 'warn', 'ban'));
alter table discord.moderation_queue add column decision_reason text;

create function public.admin_moderation_items(status_filter text default 'pending', max_rows integer default 100)
returns table (source text, id bigint, created_at timestamptz, status text, category text, severity text,
               content text, detail text, subject_profile_id uuid, subject_username text, subject_label text,
               reporter_label text, guild_id text, decided_by_username text, decision_reason text,
               decided_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the moderation queue' using errcode = 'CO403';
  end if;
  if status_filter is null or status_filter not in ('pending', 'decided', 'all') then
    raise exception 'status must be pending, decided or all' using errcode = 'CO422';
  end if;
  return query
    select * from (
      select 'discord'::text, q.id, q.created_at,
             case when q.status = 'pending' then 'pending' else coalesce(q.decision, q.status) end,
             (select string_agg(k, ', ' order by k) from jsonb_each_text(q.categories) as c(k, v) where v not in ('none', '')),
             q.max_severity, q.content, q.reason, l.profile_id, p.username,
             coalesce(m.username, q.author_id), q.reported_by, q.guild_id, d.username, q.decision_reason, q.reviewed_at
        from discord.moderation_queue q
        left join discord.links l on l.discord_user_id = q.author_id
        left join public.profiles p on p.id = l.profile_id
        left join discord.members m on m.guild_id = q.guild_id and m.user_id = q.author_id
        left join public.profiles d on d.id = q.reviewed_by
      union all
      select 'report'::text, r.id, r.created_at, case r.status when 'dismissed' then 'dismiss' when 'warned' then 'warn'
                                                               when 'banned' then 'ban' else 'pending' end,
             r.category, null::text, r.details, null::text, r.target_id, t.username, t.display_name,
             coalesce('@' || rp.username, 'deleted user'), null::text, d.username, r.decision_reason, r.decided_at
        from public.user_reports r
        join public.profiles t on t.id = r.target_id
        left join public.profiles rp on rp.id = r.reporter_id
        left join public.profiles d on d.id = r.decided_by
    ) x (source, id, created_at, status, category, severity, content, detail, subject_profile_id, subject_username,
         subject_label, reporter_label, guild_id, decided_by_username, decision_reason, decided_at)
     where status_filter = 'all' or (status_filter = 'pending') = (x.status = 'pending')
     order by case when x.status = 'pending' then x.created_at end asc nulls last, x.decided_at desc nulls last, x.id
     limit least(greatest(coalesce(max_rows, 100), 1), 500);
end;
$$;
revoke execute on function public.admin_moderation_items(text, integer) from public, anon;
grant execute on function public.admin_moderation_items(text, integer) to authenticated;

-- Decides one item. 'ban' bans the profile behind the item (the reported profile; for a Discord flag the
-- profile linked to the author) through public.admin_set_banned(); an unlinked Discord author cannot be
-- banned here (CO409). Returns the profile the decision concerns (null for an unlinked author) so the
-- caller can notify (warn) or end sessions (ban).
create function public.admin_decide_moderation(item_source text, item_id bigint, decision text, reason text)
returns table (subject_profile_id uuid, status text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  actor uuid := (select auth.uid());
  subject uuid;
  was text;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can decide moderation items' using errcode = 'CO403';
  end if;
  if decision is null or decision not in ('dismiss', 'warn', 'ban') then
    raise exception 'The decision must be dismiss, warn or ban' using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  if item_source = 'report' then
    select r.target_id, r.status into subject, was from public.user_reports r where r.id = item_id for update;
    if not found then
      raise exception 'No such report' using errcode = 'CO404';
    end if;
  elsif item_source = 'discord' then
    select l.profile_id, q.status into subject, was
      from discord.moderation_queue q left join discord.links l on l.discord_user_id = q.author_id
     where q.id = item_id for update of q;
    if not found then
      raise exception 'No such moderation item' using errcode = 'CO404';
    end if;
  else
    raise exception 'Unknown source %', item_source using errcode = 'CO422';
  end if;
  if was <> 'pending' then
    raise exception 'This item was already decided' using errcode = 'CO409';
  end if;
  if decision in ('warn', 'ban') and subject is null then
    raise exception 'The Discord author is not linked to a CommunityOS account; dismiss it or act in Discord'
      using errcode = 'CO409';
  end if;
  if decision = 'ban' and not (select p.is_banned from public.profiles p where p.id = subject) then
    perform public.admin_set_banned(subject, true, reason);
  end if;
  -- Parameters are qualified below: moderation_queue has columns named reason and decision too.
  if item_source = 'report' then
    update public.user_reports r
       set status = case admin_decide_moderation.decision when 'dismiss' then 'dismissed' when 'warn' then 'warned' else 'banned' end,
           decided_by = actor, decision_reason = btrim(admin_decide_moderation.reason), decided_at = now()
     where r.id = item_id;
  else
    update discord.moderation_queue q
       set status = case when admin_decide_moderation.decision = 'dismiss' then 'dismissed' else 'actioned' end,
           decision = admin_decide_moderation.decision, decision_reason = btrim(admin_decide_moderation.reason),
           reviewed_by = actor, reviewed_at = now()
     where q.id = item_id;
  end if;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (actor, 'moderation.' || decision, subject, btrim(reason),
          jsonb_build_object('source', item_source, 'item_id', item_id, 'status', 'pending'),
          jsonb_build_object('source', item_source, 'item_id', item_id, 'status', decision));
  return query select subject, decision;
end;
$$;
revoke execute on function public.admin_decide_moderation(text, bigint, text, text) from public, anon;
grant execute on function public.admin_decide_moderation(text, bigint, text, text) to authenticated;

create function public.admin_user_detail(target uuid)
returns table (id uuid, username text, display_name text, bio text, avatar_url text, email text, role text,
               is_banned boolean, created_at timestamptz, last_sign_in_at timestamptz,
               wallet_balance bigint, wallet_flagged boolean, earnings_balance bigint,
               discord_user_id text, discord_username text, discord_linked_at timestamptz,
               calls_as_fan bigint, calls_as_creator bigint, reports_against bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can view user details' using errcode = 'CO403';
  end if;
  return query
    select p.id, p.username, p.display_name, p.bio, p.avatar_url, u.email::text, p.role, p.is_banned,
           p.created_at, u.last_sign_in_at,
           coalesce((select sum(a.balance) from ledger.accounts a where a.kind = 'fan_wallet' and a.owner_id = p.id), 0)::bigint,
           coalesce((select bool_or(a.flagged) from ledger.accounts a where a.kind = 'fan_wallet' and a.owner_id = p.id), false),
           coalesce((select sum(a.balance) from ledger.accounts a where a.kind = 'creator_earnings' and a.owner_id = p.id), 0)::bigint,
           l.discord_user_id, l.discord_username, l.linked_at,
           (select count(*) from public.calls c where c.fan_id = p.id),
           (select count(*) from public.calls c where c.creator_id = p.id),
           (select count(*) from public.user_reports r where r.target_id = p.id)
      from public.profiles p
      left join auth.users u on u.id = p.id
      left join discord.links l on l.profile_id = p.id
     where p.id = target;
end;
$$;
revoke execute on function public.admin_user_detail(uuid) from public, anon;
grant execute on function public.admin_user_detail(uuid) to authenticated;
