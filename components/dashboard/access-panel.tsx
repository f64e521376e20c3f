import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import type { Guild, StaffAssignment } from '@/lib/community/guilds';
import { AssignStaffForm, ConnectGuildForm, GuildSettingsForm, RemoveStaffButton } from './access-forms';

/** Who can see this guild: its owner, the staff assigned (managed here by the owner or an admin), admins. */
export function AccessPanel({
  guild,
  staff,
  canConnect,
  isAdmin,
}: {
  guild: Guild;
  staff: StaffAssignment[];
  canConnect: boolean;
  isAdmin: boolean;
}) {
  return (
    <Card id="access" className="scroll-mt-20">
      <CardHeader>
        <CardTitle as="h2">Access</CardTitle>
        <CardDescription>
          Owner: {guild.owner_username ?? 'nobody'} · Admins see every guild; staff see only the guilds they
          are assigned to.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">Staff assigned to {guild.name}</h3>
          {staff.length === 0 ? (
            <p className="text-sm text-muted-foreground">No staff assigned yet.</p>
          ) : (
            <ul className="divide-y rounded-lg border">
              {staff.map((s) => (
                <li key={s.staff_id} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
                  <span>
                    <span className="font-medium">{s.display_name}</span>{' '}
                    <span className="text-muted-foreground">@{s.username}</span>
                  </span>
                  {guild.can_manage ? (
                    <RemoveStaffButton guildId={guild.guild_id} staffId={s.staff_id} username={s.username} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {guild.can_manage ? <AssignStaffForm guildId={guild.guild_id} /> : null}
        </div>
        {guild.can_manage ? (
          <div className="space-y-2 border-t pt-4">
            <h3 className="text-sm font-semibold">Guild settings</h3>
            <GuildSettingsForm guildId={guild.guild_id} name={guild.name} timezone={guild.timezone} />
          </div>
        ) : null}
        {canConnect ? (
          <details className="border-t pt-4">
            <summary className="cursor-pointer text-sm font-semibold">Connect another guild</summary>
            <div className="mt-3">
              <ConnectGuildForm isAdmin={isAdmin} />
            </div>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
