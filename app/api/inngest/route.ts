import { serve } from 'inngest/next';
import { functions } from '@/inngest/functions';
import { inngest } from '@/inngest/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/route';
import { newRequestId } from '@/lib/log/log';

export const dynamic = 'force-dynamic';

const handler = serve({ client: inngest, functions });

/** Without a signing key (or INNGEST_DEV=1) the SDK would answer 500; say clearly that it is not configured. */
function configured(): boolean {
  return env().services.jobs.mode === 'managed' || env().raw.INNGEST_DEV === '1';
}

function notConfigured(): Response {
  return errorResponse(
    new AppError(
      'NOT_CONFIGURED',
      'Inngest is not configured: set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (or INNGEST_DEV=1 with a local Inngest dev server). Local mode runs jobs in-process.',
    ),
    newRequestId(),
  );
}

type Ctx = Parameters<typeof handler.GET>[1];

export const GET = (req: Request, ctx: Ctx) =>
  configured() ? handler.GET(req as never, ctx) : notConfigured();
export const POST = (req: Request, ctx: Ctx) =>
  configured() ? handler.POST(req as never, ctx) : notConfigured();
export const PUT = (req: Request, ctx: Ctx) =>
  configured() ? handler.PUT(req as never, ctx) : notConfigured();
