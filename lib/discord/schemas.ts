import { z } from 'zod';

/** The code a member types on the profile page (from /link in Discord). */
export const LinkCodeSchema = z.object({
  code: z
    .string({ error: 'Enter the code from /link' })
    .trim()
    .refine((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, '').length === 8, {
      error: 'The code has 8 letters and digits, like ABCD-EFGH',
    }),
});
export type LinkCodeInput = z.infer<typeof LinkCodeSchema>;
