import { route } from '@/lib/http/route';
import { SubscribersQuery } from '@/lib/subscriptions/schemas';
import { listSubscribers, subscribersCsv } from '@/lib/subscriptions/subscribers';

/** The creator's subscribers: a page as JSON, or every row as CSV (?format=csv). */
export const GET = route({ auth: ['creator'], query: SubscribersQuery }, async ({ viewer, query }) => {
  if (!viewer) return null;
  if (query.format === 'csv') {
    const csv = await subscribersCsv(viewer.claims, query.status);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="subscribers.csv"',
        'cache-control': 'no-store',
      },
    });
  }
  return listSubscribers(viewer.claims, { status: query.status, page: query.page });
});
