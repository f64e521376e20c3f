import { z } from 'zod';
import { NOTIFICATION_KINDS } from './types';

export const NotificationsQuery = z.object({
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO date-time' }).optional(),
  beforeId: z.uuid({ error: 'beforeId must be a notification id' }).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const MarkReadSchema = z.object({ ids: z.array(z.uuid()).max(100).optional() });

export const PreferencesSchema = z.object({
  preferences: z
    .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), inApp: z.boolean(), email: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length),
});
