-- Supabase's default privileges: the API roles may use schema public, and every table, sequence and
-- function created there is granted to anon, authenticated and service_role. Migrations must therefore
-- revoke what a role should not have (and enable RLS) — exactly as on Supabase, so grant and RLS tests
-- pass for the right reason rather than because a grant happens to be missing locally.
grant usage on schema public to anon, authenticated, service_role;
grant all on all tables in schema public to anon, authenticated, service_role;
grant all on all sequences in schema public to anon, authenticated, service_role;
grant all on all functions in schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
