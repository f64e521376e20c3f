import 'server-only';
import type { APIInteraction } from 'discord-api-types/v10';
import { env } from '@/lib/env';
import { invokerOf } from '../interaction';
import { createLinkCode, LINK_CODE_TTL_MINUTES, linkedProfileOf } from '../link';
import { ephemeral, type InteractionOutcome } from '../reply';

/** /link → an ephemeral one-time code to enter on the profile page. */
export async function linkCommand(i: APIInteraction): Promise<InteractionOutcome> {
  const who = invokerOf(i);
  if (!who) return ephemeral('Run /link inside the server.');
  const linked = await linkedProfileOf(who.id);
  if (linked) {
    return ephemeral(
      `Your Discord account is already linked to CommunityOS profile @${linked.username}. Unlink it on your profile page first to link another.`,
    );
  }
  const { code } = await createLinkCode(who.id, who.username);
  const appUrl = env().raw.APP_URL;
  const page = appUrl ? `${appUrl.replace(/\/+$/, '')}/profile` : 'your CommunityOS profile page';
  return ephemeral(
    `Your link code is **${code}**. Enter it on ${page} within ${LINK_CODE_TTL_MINUTES} minutes. It works once; running /link again replaces it.`,
  );
}
