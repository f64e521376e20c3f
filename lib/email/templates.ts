import { env } from '@/lib/env';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Links in emails use APP_URL (required in production), else the origin the request came in on. */
export function appBaseUrl(requestUrl?: string): string {
  return env().raw.APP_URL ?? (requestUrl ? new URL(requestUrl).origin : 'http://localhost:3000');
}

export function welcomeEmail(input: { to: string; displayName: string; username: string; baseUrl: string }) {
  const base = input.baseUrl;
  const text = [
    `Hi ${input.displayName},`,
    '',
    `Welcome to CommunityOS. Your username is @${input.username}.`,
    `Finish your profile: ${base}/profile`,
    `Discover creators: ${base}/creators`,
    '',
    '— The CommunityOS team',
  ].join('\n');
  const html = `<p>Hi ${escapeHtml(input.displayName)},</p>
<p>Welcome to CommunityOS. Your username is <strong>@${escapeHtml(input.username)}</strong>.</p>
<p><a href="${base}/profile">Finish your profile</a> · <a href="${base}/creators">Discover creators</a></p>
<p>— The CommunityOS team</p>`;
  return { to: input.to, subject: 'Welcome to CommunityOS', text, html, tag: 'welcome' };
}
