import type { Metadata } from 'next';
import Link from 'next/link';
import { CreatorApplicationCard } from '@/components/profile/creator-application-card';
import { DiscordLinkCard } from '@/components/profile/discord-link-card';
import { ProfileForm } from '@/components/profile/profile-form';
import { SessionActions } from '@/components/profile/session-actions';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { myLatestApplication } from '@/lib/admin/creator-applications';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { myDiscordLink } from '@/lib/discord/link';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const { profile, claims } = await requireRole(ROLES, '/profile');
  const [discord, application] = await Promise.all([myDiscordLink(claims), myLatestApplication(claims)]);
  return (
    <div className="mx-auto grid max-w-4xl gap-6 md:grid-cols-[1fr_280px]">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">
            Your profile
          </CardTitle>
          <CardDescription>This is what others see on your public page.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm
            key={profile.updated_at.toISOString()}
            initial={{
              username: profile.username,
              displayName: profile.display_name,
              bio: profile.bio,
              avatarUrl: profile.avatar_url ?? '',
            }}
          />
        </CardContent>
      </Card>
      <div className="space-y-6">
        <Card>
          <CardContent className="flex flex-col items-center gap-3 text-center">
            <Avatar name={profile.display_name} src={profile.avatar_url ?? undefined} size="lg" />
            <div>
              <p className="font-semibold">{profile.display_name}</p>
              <p className="text-sm text-muted-foreground">@{profile.username}</p>
            </div>
            <Badge variant="secondary" className="capitalize">
              {profile.role}
            </Badge>
            <Link
              className="text-sm text-primary underline-offset-4 hover:underline"
              href={`/creators/${profile.username}`}
            >
              View public page
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              Discord
            </CardTitle>
            <CardDescription>Link your Discord account to count your Community Score.</CardDescription>
          </CardHeader>
          <CardContent>
            <DiscordLinkCard
              link={
                discord
                  ? { username: discord.discord_username, linkedAt: discord.linked_at.toISOString() }
                  : null
              }
            />
          </CardContent>
        </Card>
        {profile.role === 'fan' || application ? (
          <Card>
            <CardHeader>
              <CardTitle as="h2" className="text-base">
                Become a creator
              </CardTitle>
              <CardDescription>
                Offer paid calls, tips and more. An admin reviews each application.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreatorApplicationCard
                role={profile.role}
                application={
                  application
                    ? {
                        status: application.status,
                        pitch: application.pitch,
                        decisionReason: application.decision_reason,
                        decidedAt: application.decided_at?.toISOString() ?? null,
                        createdAt: application.created_at.toISOString(),
                      }
                    : null
                }
              />
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              Sessions
            </CardTitle>
            <CardDescription>
              Signing out everywhere ends every session on every device at once.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SessionActions />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
