import { z } from 'zod';

export const REPORT_CATEGORIES = ['spam', 'harassment', 'impersonation', 'inappropriate', 'other'] as const;
export const REPORT_CATEGORY_LABELS: Record<(typeof REPORT_CATEGORIES)[number], string> = {
  spam: 'Spam or scam',
  harassment: 'Harassment or hate',
  impersonation: 'Impersonation',
  inappropriate: 'Inappropriate content',
  other: 'Something else',
};

export const ReportSchema = z
  .object({
    targetId: z.uuid({ error: 'Not a user id' }),
    category: z.enum(REPORT_CATEGORIES, { error: 'Choose a reason' }),
    details: z.string().trim().max(1000, { error: 'At most 1000 characters' }).default(''),
  })
  .refine((v) => v.category !== 'other' || v.details.length >= 10, {
    path: ['details'],
    error: 'Describe the problem in at least 10 characters',
  });
export type ReportInput = z.infer<typeof ReportSchema>;
