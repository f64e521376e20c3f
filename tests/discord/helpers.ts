import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import {
  type APIInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
} from 'discord-api-types/v10';

/**
 * Signed interaction fixtures: a test Ed25519 key pair (its public key is DISCORD_PUBLIC_KEY in the
 * tests), payloads shaped like Discord's, and requests signed exactly as Discord signs them.
 */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
export const TEST_PUBLIC_KEY_HEX = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer)
  .subarray(-32)
  .toString('hex');
export const TEST_APP_ID = '1100000000000000001';
export const TEST_GUILD_ID = '1200000000000000001';

let seq = 0n;
/** A fresh snowflake-looking id (unique per call). */
export function snowflake(): string {
  seq += 1n;
  return String(
    (BigInt(Date.now() - 1420070400000) << 22n) + seq + BigInt(randomBytes(2).readUInt16BE(0)) * 4096n,
  );
}

export function signBody(
  body: string,
  key: KeyObject = privateKey,
  timestamp = String(Math.floor(Date.now() / 1000)),
) {
  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
  return { signature, timestamp };
}

export function interactionRequest(
  payload: unknown,
  opts: { signature?: string | null; timestamp?: string | null; key?: KeyObject; tamper?: boolean } = {},
): Request {
  const body = JSON.stringify(payload);
  const signed = signBody(body, opts.key);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? signed.signature : opts.signature;
  const timestamp = opts.timestamp === undefined ? signed.timestamp : opts.timestamp;
  if (signature !== null) headers['x-signature-ed25519'] = signature;
  if (timestamp !== null) headers['x-signature-timestamp'] = timestamp;
  return new Request('http://localhost/api/discord/interactions', {
    method: 'POST',
    headers,
    body: opts.tamper ? body.replace('}', ',"x":1}') : body,
  });
}

export interface Who {
  id: string;
  username: string;
  roles?: string[];
  permissions?: string;
  joinedAt?: string;
}

export const member = (username: string, extra: Partial<Who> = {}): Who => ({
  id: snowflake(),
  username,
  ...extra,
});

function base(type: InteractionType, who: Who, channelId = '1300000000000000001') {
  return {
    id: snowflake(),
    application_id: TEST_APP_ID,
    type,
    token: `tok_${randomBytes(12).toString('hex')}`,
    version: 1,
    guild_id: TEST_GUILD_ID,
    channel_id: channelId,
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    member: {
      user: {
        id: who.id,
        username: who.username,
        discriminator: '0',
        global_name: who.username,
        avatar: null,
      },
      roles: who.roles ?? [],
      permissions: who.permissions ?? '0',
      joined_at: who.joinedAt ?? '2026-01-02T03:04:05.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
    },
  };
}

export const pingPayload = () => ({
  id: snowflake(),
  application_id: TEST_APP_ID,
  type: InteractionType.Ping,
  token: 'x',
  version: 1,
});

type Opt = { name: string; type: ApplicationCommandOptionType; value?: unknown; options?: Opt[] };

export function slash(name: string, who: Who, options: Opt[] = [], extra: Record<string, unknown> = {}) {
  const b = base(InteractionType.ApplicationCommand, who, extra.channelId as string | undefined);
  return {
    ...b,
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(extra.data as object),
    },
  } as unknown as APIInteraction;
}

export const userOpt = (name: string, value: string): Opt => ({
  name,
  type: ApplicationCommandOptionType.User,
  value,
});
export const strOpt = (name: string, value: string): Opt => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
});
export const intOpt = (name: string, value: number): Opt => ({
  name,
  type: ApplicationCommandOptionType.Integer,
  value,
});
export const sub = (name: string, options: Opt[] = []): Opt => ({
  name,
  type: ApplicationCommandOptionType.Subcommand,
  options,
});

export function button(customId: string, who: Who, channelId?: string) {
  const b = base(InteractionType.MessageComponent, who, channelId);
  return {
    ...b,
    message: { id: snowflake(), channel_id: b.channel_id },
    data: { custom_id: customId, component_type: 2 },
  } as unknown as APIInteraction;
}

export function modalSubmit(customId: string, who: Who, fields: Record<string, string>) {
  const b = base(InteractionType.ModalSubmit, who);
  return {
    ...b,
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  } as unknown as APIInteraction;
}

export function messageCommand(
  name: string,
  who: Who,
  target: { id: string; content: string; authorId: string; authorName: string; channelId?: string },
) {
  const b = base(InteractionType.ApplicationCommand, who, target.channelId);
  return {
    ...b,
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: {
        messages: {
          [target.id]: {
            id: target.id,
            channel_id: target.channelId ?? b.channel_id,
            content: target.content,
            author: { id: target.authorId, username: target.authorName, discriminator: '0', avatar: null },
            timestamp: new Date().toISOString(),
          },
        },
      },
    },
  } as unknown as APIInteraction;
}

/** Tasks handed to next/server after() (the tests' mock of it collects them here). */
export const afterTasks: (() => Promise<unknown>)[] = ((
  globalThis as Record<string, unknown>
).__afterTasks ??= []) as (() => Promise<unknown>)[];

export async function runAfterTasks(): Promise<number> {
  let n = 0;
  while (afterTasks.length) {
    const t = afterTasks.shift();
    if (t) {
      await t();
      n++;
    }
  }
  return n;
}

export const nextServerMock = async (importOriginal: () => Promise<unknown>) => ({
  ...((await importOriginal()) as object),
  after: (task: () => Promise<unknown>) => {
    (((globalThis as Record<string, unknown>).__afterTasks ??= []) as (() => Promise<unknown>)[]).push(task);
  },
});

/** JSON bodies in these tests are read loosely; each assertion checks the shape it needs. */
// biome-ignore lint/suspicious/noExplicitAny: test-only alias for parsed JSON response bodies
export type Loose = any;
