import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { canAccessChannel, dbConversationMembership } = await import('@/lib/adapters/realtime/access');
const { capabilityFor } = await import('@/lib/adapters/realtime/ably-token');
const { conversationChannel, parseChannel, userChannel } = await import('@/lib/adapters/realtime/channels');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { sendMessage } = await import('@/lib/messages/send-message');
const { markConversationRead } = await import('@/lib/messages/read-state');
const { conversation, people, uploadRow } = await import('./helpers');
const typingRoute = await import('@/app/api/conversations/[id]/typing/route');
const { jar } = await import('../helpers/next-headers');
const { jsonRequest, makeUser, signInAs } = await import('../payments/helpers');
const { getOrCreateConversation } = await import('@/lib/messages/conversations');

/** Conversation channels: who may listen, and what the server publishes on them. */

const noCalls = { isParticipant: async () => false, activeCallIds: async () => [] };

describe('conversation channels', () => {
  it('parse only in canonical form', () => {
    const id = randomUUID();
    expect(parseChannel(`conversation:${id}`)).toEqual({ kind: 'conversation', id });
    expect(parseChannel(`conversation:${id.toUpperCase()}`)).toBeNull();
    expect(parseChannel('conversation:*')).toBeNull();
    expect(() => conversationChannel('nope')).toThrow(RangeError);
  });

  it('the two participants may listen; a third party, a malformed name and an unknown id may not', async () => {
    const { fan, creator, other } = await people();
    const c = await conversation(fan, creator);
    expect(await canAccessChannel(fan.id, conversationChannel(c))).toBe(true);
    expect(await canAccessChannel(creator.id, conversationChannel(c))).toBe(true);
    expect(await canAccessChannel(other.id, conversationChannel(c))).toBe(false);
    expect(await canAccessChannel(fan.id, conversationChannel(randomUUID()))).toBe(false);
    expect(await canAccessChannel(fan.id, `conversation:${c}:x`)).toBe(false);
    // A call channel with the same id is a different thing: the call rule answers, not the conversation one.
    expect(await canAccessChannel(fan.id, `call:${c}`, noCalls)).toBe(false);
  });

  it('an Ably capability lists the user own conversations only', async () => {
    const { fan, creator, other } = await people();
    const c = await conversation(fan, creator);
    const cap = await capabilityFor(fan.id, noCalls);
    expect(cap[conversationChannel(c)]).toEqual(['subscribe', 'presence']);
    expect(cap[userChannel(fan.id)]).toBeDefined();
    expect(Object.keys(await capabilityFor(other.id, noCalls))).toEqual([userChannel(other.id)]);
    expect(await dbConversationMembership.recentConversationIds(creator.id)).toEqual([c]);
  });

  it('a new PPV is published locked (no URL) on the conversation channel; read receipts follow', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    const upload = await uploadRow(creator);
    const got: { name: string; data: unknown }[] = [];
    const inbox: string[] = [];
    const off = localBus().subscribe(conversationChannel(c), (m) => got.push({ name: m.name, data: m.data }));
    const offInbox = localBus().subscribe(userChannel(fan.id), (m) => inbox.push(m.name));
    try {
      const mine = await sendMessage(creator.claims, c, {
        kind: 'ppv',
        body: 'locked',
        uploadId: upload,
        amount: 9,
        clientKey: randomUUID(),
      });
      expect(mine.mediaUrl).toBe(`/api/uploads/${upload}`);
      const published = got.find((m) => m.name === 'message');
      expect(published?.data).toMatchObject({ id: mine.id, locked: true, mediaUrl: null, price: 9 });
      expect(JSON.stringify(got)).not.toContain(upload);
      expect(inbox).toContain('inbox');
      await markConversationRead(fan.claims, c);
      expect(got.find((m) => m.name === 'read')?.data).toMatchObject({ readerId: fan.id });
    } finally {
      off();
      offInbox();
    }
  });
});

describe('typing indicator route', () => {
  it('publishes typing on the conversation channel for a participant only', async () => {
    const a = await makeUser();
    const b = await makeUser('creator');
    const stranger = await makeUser();
    const { id } = await getOrCreateConversation({ sub: a.id, role: 'authenticated' }, b.id);
    const got: unknown[] = [];
    const off = localBus().subscribe(conversationChannel(id), (m) => m.name === 'typing' && got.push(m.data));
    const post = () =>
      typingRoute.POST(jsonRequest(`/api/conversations/${id}/typing`, { typing: true }), {
        params: Promise.resolve({ id }),
      });
    try {
      jar.values.clear();
      await signInAs(stranger);
      expect((await post()).status).toBe(404);
      expect(got).toEqual([]);
      await signInAs(a);
      expect((await post()).status).toBe(200);
      expect(got).toEqual([{ userId: a.id, typing: true }]);
    } finally {
      off();
    }
  });
});
