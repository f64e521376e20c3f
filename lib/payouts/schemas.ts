import { z } from 'zod';

export const BankDetailsSchema = z.object({
  holder: z.string().trim().min(2, { error: 'Account holder name is required' }).max(100),
  iban: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(
      z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/, {
        error: 'Enter an IBAN like FR76 3000 6000 0112 3456 7890 189',
      }),
    ),
});

export const PayoutRequestSchema = z.object({
  amount: z.int({ error: 'A whole number of tokens' }).min(1, { error: 'At least 1 token' }),
});

export const AutoWeeklySchema = z.object({ enabled: z.boolean() });

export const DecisionSchema = z
  .object({ approve: z.boolean(), reason: z.string().trim().max(500).optional() })
  .refine((d) => d.approve || (d.reason?.length ?? 0) >= 3, {
    error: 'Give a reason for the rejection',
    path: ['reason'],
  });

export const StatementQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Month as YYYY-MM' })
    .optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
