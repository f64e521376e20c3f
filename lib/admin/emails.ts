function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The email an applicant gets when an admin decides their creator application. */
export function creatorDecisionEmail(input: {
  to: string;
  displayName: string;
  approved: boolean;
  reason: string;
  baseUrl: string;
}) {
  const { baseUrl: base, approved } = input;
  const subject = approved
    ? 'You are now a creator on CommunityOS'
    : 'About your creator application on CommunityOS';
  const lead = approved
    ? 'Good news: your application to become a creator was approved.'
    : 'Thank you for applying to become a creator. This time your application was not approved.';
  const next = approved
    ? `Set up your creator studio: ${base}/creator`
    : `You can read the decision on your profile and apply again later: ${base}/profile`;
  const text = [
    `Hi ${input.displayName},`,
    '',
    lead,
    `Note from the team: ${input.reason}`,
    '',
    next,
    '',
    '— The CommunityOS team',
  ].join('\n');
  const href = approved ? `${base}/creator` : `${base}/profile`;
  const html = `<p>Hi ${escapeHtml(input.displayName)},</p>
<p>${escapeHtml(lead)}</p>
<p><strong>Note from the team:</strong> ${escapeHtml(input.reason)}</p>
<p><a href="${href}">${approved ? 'Open your creator studio' : 'See your profile'}</a></p>
<p>— The CommunityOS team</p>`;
  return { to: input.to, subject, text, html, tag: approved ? 'creator-approved' : 'creator-rejected' };
}

/** The email a user gets when an admin decides to warn them about a report or a flagged message. */
export function moderationWarningEmail(input: {
  to: string;
  displayName: string;
  reason: string;
  baseUrl: string;
}) {
  const text = [
    `Hi ${input.displayName},`,
    '',
    'An administrator reviewed a report about your account and is sending you this warning.',
    `Reason: ${input.reason}`,
    '',
    `Please read the community rules before your next post. Your profile: ${input.baseUrl}/profile`,
    '',
    '— The CommunityOS team',
  ].join('\n');
  const html = `<p>Hi ${escapeHtml(input.displayName)},</p>
<p>An administrator reviewed a report about your account and is sending you this warning.</p>
<p><strong>Reason:</strong> ${escapeHtml(input.reason)}</p>
<p>Please read the community rules before your next post.</p>
<p>— The CommunityOS team</p>`;
  return {
    to: input.to,
    subject: 'A warning from the CommunityOS team',
    text,
    html,
    tag: 'moderation-warning',
  };
}
