import { z } from 'zod';

/** One schema per resource, shared by forms and routes. */
export const Username = z
  .string({ error: 'Username is required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,30}$/, { error: 'Use 3–30 characters: lowercase letters, digits and _' });

export const Email = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const NewPassword = z
  .string({ error: 'Password is required' })
  .min(10, { error: 'Use at least 10 characters' })
  .max(200, { error: 'Use at most 200 characters' });

export const DisplayName = z
  .string({ error: 'Display name is required' })
  .trim()
  .min(1, { error: 'Display name is required' })
  .max(60, { error: 'Use at most 60 characters' });

export const SignUpSchema = z.object({
  email: Email,
  password: NewPassword,
  username: Username,
  displayName: DisplayName,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email: Email,
  password: z.string({ error: 'Password is required' }).min(1, { error: 'Password is required' }).max(200),
});
export type SignInInput = z.infer<typeof SignInSchema>;

export const ProfileUpdateSchema = z
  .object({
    username: Username,
    displayName: DisplayName,
    bio: z.string().max(500, { error: 'Use at most 500 characters' }),
    avatarUrl: z
      .union([
        z.literal(''),
        z
          .url({ protocol: /^https?$/, error: 'Use an http(s) URL' })
          .max(500, { error: 'Use at most 500 characters' }),
      ])
      .transform((v) => (v === '' ? null : v)),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'Nothing to update' });
export type ProfileUpdateInput = z.infer<typeof ProfileUpdateSchema>;

export const ROLES = ['fan', 'creator', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const Reason = z.string().trim().min(3, { error: 'Give a reason (at least 3 characters)' }).max(500);
export const SetRoleSchema = z.object({ role: z.enum(ROLES), reason: Reason });
export const SetBannedSchema = z.object({ banned: z.boolean(), reason: Reason });
