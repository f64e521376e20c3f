'use client';

import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

export type ShippingDraft = {
  name: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  country: string;
};

export const EMPTY_SHIPPING: ShippingDraft = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  postalCode: '',
  country: '',
};

const FIELDS = [
  ['name', 'Full name', 'name'],
  ['line1', 'Street address', 'address-line1'],
  ['line2', 'Apartment, suite (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'],
  ['postalCode', 'Postal code', 'postal-code'],
  ['country', 'Country (2 letters, e.g. FR)', 'country'],
] as const;

/** The shipping address asked at purchase for physical goods (shop grid and the live stream's Buy card). */
export function ShippingFields({
  idPrefix,
  value,
  onChange,
  errors,
  onClearError,
}: {
  idPrefix: string;
  value: ShippingDraft;
  onChange: (next: ShippingDraft) => void;
  errors: Record<string, string[] | undefined>;
  onClearError: (field: keyof ShippingDraft) => void;
}) {
  return (
    <fieldset className="grid gap-2" aria-label="Shipping address">
      <legend className="mb-1 text-sm font-medium">Ship to</legend>
      {FIELDS.map(([k, label, autoComplete]) => (
        <FormField key={k} label={label} error={errors[k]}>
          <Input
            id={`${idPrefix}-${k}`}
            value={value[k]}
            onChange={(e) => {
              onChange({ ...value, [k]: e.target.value });
              if (errors[k]?.length) onClearError(k);
            }}
            maxLength={k === 'country' ? 2 : 200}
            autoComplete={autoComplete}
          />
        </FormField>
      ))}
    </fieldset>
  );
}

/** The draft as the purchase routes take it (empty optional line dropped). */
export const shippingBody = (a: ShippingDraft) => ({ ...a, line2: a.line2 || undefined });
