import { z } from 'zod';

export const ProductSchema = z
  .object({
    kind: z.enum(['digital', 'physical'], { error: 'Digital or physical' }),
    name: z.string().trim().min(1, { error: 'Give the product a name' }).max(100),
    description: z.string().trim().max(2000).default(''),
    imageUrls: z
      .array(z.url({ protocol: /^https?$/, error: 'An image link starts with https://' }))
      .max(5)
      .default([]),
    price: z
      .int({ error: 'Price is a whole number of tokens' })
      .min(1, { error: 'At least 1 token' })
      .max(1_000_000),
    stock: z.int().min(0).max(1_000_000).nullable().default(null),
    active: z.boolean().default(true),
    downloadUrl: z
      .url({ protocol: /^https?$/, error: 'The file link starts with https://' })
      .max(1000)
      .nullable()
      .default(null),
  })
  .refine((p) => p.kind === 'physical' || p.downloadUrl !== null, {
    error: 'A digital product needs its file link',
    path: ['downloadUrl'],
  })
  .refine((p) => p.kind === 'digital' || p.downloadUrl === null, {
    error: 'Physical products have no file',
    path: ['downloadUrl'],
  });
export type ProductInput = z.infer<typeof ProductSchema>;

export const ProductUpdateSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(2000).optional(),
  price: z.int().min(1).max(1_000_000).optional(),
  stock: z.int().min(0).max(1_000_000).nullable().optional(),
  active: z.boolean().optional(),
});

export const ShippingSchema = z.object({
  name: z.string().trim().min(1, { error: 'Name is required' }).max(100),
  line1: z.string().trim().min(1, { error: 'Street is required' }).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1, { error: 'City is required' }).max(100),
  postalCode: z.string().trim().min(1, { error: 'Postal code is required' }).max(20),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { error: 'Two-letter country code, e.g. FR' })
    .transform((c) => c.toUpperCase()),
});
export type ShippingAddress = z.infer<typeof ShippingSchema>;

export const PurchaseSchema = z.object({
  shippingAddress: ShippingSchema.nullable().default(null),
  idempotencyKey: z.string().min(8).max(100),
});

export const OrderStatusSchema = z.object({
  status: z.enum(['shipped', 'completed']),
  tracking: z.string().trim().max(200).optional(),
});
