import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { CallScreen } from '@/components/calls/screen/call-screen';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { callState } from '@/lib/calls/actions';
import { callStatement } from '@/lib/calls/history';
import { BILLING_RULE } from '@/lib/calls/types';
import { toAppError } from '@/lib/http/errors';

export const metadata: Metadata = { title: 'Call' };
export const dynamic = 'force-dynamic';

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRole(ROLES, `/calls/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const load = async () => {
    const state = await callState(viewer.claims, id);
    const statement = state.call.status === 'ended' ? await callStatement(viewer.claims, id) : null;
    return { state, statement };
  };
  const loaded = await load().catch((err: unknown) => {
    // Someone else's call reads as not found too (RLS), so its existence is not revealed.
    if (toAppError(err).code === 'NOT_FOUND') return null;
    throw err;
  });
  if (!loaded) notFound();
  return (
    <CallScreen
      key={id}
      initial={loaded.state}
      initialStatement={loaded.statement ? { ...loaded.statement, billingRule: BILLING_RULE } : null}
      viewerId={viewer.profile.id}
    />
  );
}
