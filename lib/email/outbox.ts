import 'server-only';
import { asService } from '@/lib/db/tx';

export interface OutboxEmail {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  tag: string | null;
  created_at: Date;
}

/** Local mode only: the emails the local adapter "sent", newest first. */
export async function listOutbox(limit = 50): Promise<OutboxEmail[]> {
  const r = await asService((db) =>
    db.query<OutboxEmail>(
      `select id, to_address, subject, text_body, tag, created_at
         from private.email_outbox order by created_at desc, id desc limit $1`,
      [limit],
    ),
  );
  return r.rows;
}
