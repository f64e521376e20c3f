-- What Supabase provides and plain Postgres lacks: the API roles. Applied only when the database is not
-- Supabase (the migration runner checks for the supabase_admin role). Roles are cluster-wide, so each
-- creation tolerates an earlier database of the same cluster having made it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator noinherit nologin;
  end if;
exception when duplicate_object or unique_violation then
  null; -- another database of this cluster created them concurrently
end
$$;

grant anon, authenticated, service_role to authenticator;
