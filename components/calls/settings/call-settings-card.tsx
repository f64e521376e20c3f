'use client';

import { Settings2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { useViewerTimeZone, zoneLabel } from '@/components/calls/profile/zones';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { type CallSettingsInput, CallSettingsSchema } from '@/lib/calls/schemas';
import type { CallSettings } from '@/lib/calls/settings';
import { apiFetch, fieldErrors } from '@/lib/http/client';
import { Switch } from './switch';
import { useZoneGroups } from './time-zones';

const SLOT_LENGTHS = [15, 30, 45, 60] as const;
const TIMEOUTS = [30, 60, 90, 120, 180, 300, 600] as const;

function timeoutLabel(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const m = seconds / 60;
  return Number.isInteger(m) ? `${m} minute${m === 1 ? '' : 's'}` : `${seconds} seconds`;
}

interface FormState {
  videoOn: boolean;
  videoRate: string;
  voiceOn: boolean;
  voiceRate: string;
  /** null: not chosen yet, the browser's zone is proposed. */
  timezone: string | null;
  slotMinutes: number;
  requestTimeoutSeconds: number;
}

function fromSettings(s: CallSettings | null): FormState {
  return {
    videoOn: s ? s.videoRate !== null : true,
    videoRate: s?.videoRate != null ? String(s.videoRate) : '',
    voiceOn: s ? s.voiceRate !== null : true,
    voiceRate: s?.voiceRate != null ? String(s.voiceRate) : '',
    timezone: s?.timezone ?? null,
    slotMinutes: s?.slotMinutes ?? 30,
    requestTimeoutSeconds: s?.requestTimeoutSeconds ?? 120,
  };
}

function rateValue(on: boolean, raw: string): number | null {
  if (!on) return null;
  return raw.trim() === '' ? Number.NaN : Number(raw);
}

function sameAsSaved(f: FormState, s: CallSettings | null, zone: string): boolean {
  if (!s) return false;
  return (
    rateValue(f.videoOn, f.videoRate) === s.videoRate &&
    rateValue(f.voiceOn, f.voiceRate) === s.voiceRate &&
    zone === s.timezone &&
    f.slotMinutes === s.slotMinutes &&
    f.requestTimeoutSeconds === s.requestTimeoutSeconds
  );
}

function toBody(s: CallSettings): CallSettingsInput {
  return {
    videoRate: s.videoRate,
    voiceRate: s.voiceRate,
    availableNow: s.availableNow,
    timezone: s.timezone,
    slotMinutes: s.slotMinutes as CallSettingsInput['slotMinutes'],
    requestTimeoutSeconds: s.requestTimeoutSeconds,
  };
}

export function CallSettingsCard({
  saved,
  onSaved,
}: {
  saved: CallSettings | null;
  onSaved: (settings: CallSettings) => void;
}) {
  const browserZone = useViewerTimeZone();
  const zoneGroups = useZoneGroups();
  const [form, setForm] = useState<FormState>(() => fromSettings(saved));
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [switching, setSwitching] = useState(false);

  const zone = form.timezone ?? browserZone ?? 'UTC';
  const dirty = !sameAsSaved(form, saved, zone);
  const hasSavedRate = saved !== null && (saved.videoRate !== null || saved.voiceRate !== null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    const body = {
      videoRate: rateValue(form.videoOn, form.videoRate),
      voiceRate: rateValue(form.voiceOn, form.voiceRate),
      availableNow: saved?.availableNow ?? false,
      timezone: zone,
      slotMinutes: form.slotMinutes,
      requestTimeoutSeconds: form.requestTimeoutSeconds,
    };
    const parsed = CallSettingsSchema.safeParse(body);
    setFormError(null);
    if (!parsed.success) {
      const local: Record<string, string[]> = {};
      for (const issue of parsed.error.issues)
        (local[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
      // A ticked kind with an empty box: say what to do rather than "not a number".
      if (form.videoOn && form.videoRate.trim() === '')
        local.videoRate = ['Enter a rate, or untick video calls.'];
      if (form.voiceOn && form.voiceRate.trim() === '')
        local.voiceRate = ['Enter a rate, or untick voice calls.'];
      setFields(local);
      return;
    }
    setFields({});
    setSaving(true);
    const r = await apiFetch<{ settings: CallSettings }>('/api/calls/settings', {
      method: 'PUT',
      body: parsed.data,
    });
    setSaving(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setFormError(r.error.message);
      return;
    }
    onSaved(r.data.settings);
    setForm(fromSettings(r.data.settings));
    toast.success('Call settings saved');
  }

  async function onToggleAvailable(next: boolean) {
    if (!saved) return;
    setSwitching(true);
    const r = await apiFetch<{ settings: CallSettings }>('/api/calls/settings', {
      method: 'PUT',
      body: { ...toBody(saved), availableNow: next },
    });
    setSwitching(false);
    if (!r.ok) {
      toast.error(next ? 'Could not go available' : 'Could not stop taking calls', {
        description: r.error.message,
      });
      return;
    }
    onSaved(r.data.settings);
    toast.success(
      r.data.settings.availableNow ? 'You are available for calls' : 'You are no longer taking instant calls',
      {
        description: r.data.settings.availableNow
          ? 'Fans can request a call from your page now. Keep this page open to answer.'
          : 'Fans can still book your open times.',
      },
    );
  }

  const availableNow = saved?.availableNow ?? false;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <Settings2 className="size-5 text-primary" aria-hidden /> Call settings
        </CardTitle>
        <CardDescription>Fans pay your rate for every started minute, in tokens.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <div className="flex items-start justify-between gap-4 rounded-lg border p-4">
          <div className="space-y-1">
            <p className="text-sm font-medium" id="available-now-label">
              Available for calls now
            </p>
            <p className="text-sm text-muted-foreground" id="available-now-help">
              {!hasSavedRate
                ? 'Save a video or voice rate first.'
                : availableNow
                  ? 'Fans can ring you from your public page.'
                  : 'Off: fans can only book your open times.'}
            </p>
          </div>
          <Switch
            checked={availableNow}
            onCheckedChange={onToggleAvailable}
            pending={switching}
            disabled={!hasSavedRate}
            aria-labelledby="available-now-label"
            aria-describedby="available-now-help"
          />
        </div>

        <form onSubmit={onSubmit} className="space-y-5" noValidate>
          {formError ? (
            <Alert variant="destructive">
              <AlertTitle>Settings not saved</AlertTitle>
              <AlertDescription>
                <p>{formError}</p>
              </AlertDescription>
            </Alert>
          ) : null}

          <fieldset className="space-y-3">
            <legend className="text-sm font-medium">Rates (tokens per minute)</legend>
            <RateRow
              kind="Video"
              on={form.videoOn}
              value={form.videoRate}
              error={fields.videoRate}
              onToggle={(on) => set('videoOn', on)}
              onChange={(v) => set('videoRate', v)}
            />
            <RateRow
              kind="Voice"
              on={form.voiceOn}
              value={form.voiceRate}
              error={fields.voiceRate}
              onToggle={(on) => set('voiceOn', on)}
              onChange={(v) => set('voiceRate', v)}
            />
          </fieldset>

          <FormField
            label="Time zone"
            description={
              browserZone && zone !== browserZone ? (
                <>
                  Your weekly hours are read in this zone. This browser is in {zoneLabel(browserZone)}.{' '}
                  <button
                    type="button"
                    className="text-primary underline-offset-4 hover:underline"
                    onClick={() => set('timezone', browserZone)}
                  >
                    Use it
                  </button>
                </>
              ) : (
                'Your weekly hours are read in this zone.'
              )
            }
            error={fields.timezone}
          >
            <NativeSelect
              value={zone}
              onChange={(e) => set('timezone', e.target.value)}
              disabled={zoneGroups === null}
            >
              {zoneGroups === null ? (
                <option value={zone}>{zone}</option>
              ) : (
                <>
                  {zoneGroups.some((g) => g.zones.some((z) => z.value === zone)) ? null : (
                    <option value={zone}>{zone}</option>
                  )}
                  {zoneGroups.map((g) => (
                    <optgroup key={g.region} label={g.region}>
                      {g.zones.map((z) => (
                        <option key={z.value} value={z.value}>
                          {z.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </>
              )}
            </NativeSelect>
          </FormField>

          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              label="Slot length"
              description="How long each bookable time is."
              error={fields.slotMinutes}
            >
              <NativeSelect
                value={form.slotMinutes}
                onChange={(e) => set('slotMinutes', Number(e.target.value))}
              >
                {SLOT_LENGTHS.map((m) => (
                  <option key={m} value={m}>
                    {m} minutes
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Ring for"
              description="Unanswered requests expire after this."
              error={fields.requestTimeoutSeconds}
            >
              <NativeSelect
                value={form.requestTimeoutSeconds}
                onChange={(e) => set('requestTimeoutSeconds', Number(e.target.value))}
              >
                {(TIMEOUTS as readonly number[]).includes(form.requestTimeoutSeconds) ? null : (
                  <option value={form.requestTimeoutSeconds}>
                    {timeoutLabel(form.requestTimeoutSeconds)}
                  </option>
                )}
                {TIMEOUTS.map((s) => (
                  <option key={s} value={s}>
                    {timeoutLabel(s)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </div>

          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" loading={saving} disabled={!dirty}>
              {saving ? 'Saving…' : 'Save settings'}
            </Button>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {saved === null
                ? 'Not set up yet.'
                : dirty
                  ? 'You have unsaved changes.'
                  : 'All changes saved.'}
            </p>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function RateRow({
  kind,
  on,
  value,
  error,
  onToggle,
  onChange,
}: {
  kind: 'Video' | 'Voice';
  on: boolean;
  value: string;
  error?: string[];
  onToggle: (on: boolean) => void;
  onChange: (value: string) => void;
}) {
  const id = `rate-${kind.toLowerCase()}`;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex min-w-32 items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={on}
            onChange={(e) => onToggle(e.target.checked)}
          />
          Offer {kind.toLowerCase()} calls
        </label>
        <div className="flex items-center gap-2">
          <label htmlFor={id} className="sr-only">
            {kind} rate, tokens per minute
          </label>
          <Input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            max={10_000}
            step={1}
            className="w-28"
            value={on ? value : ''}
            placeholder={on ? 'e.g. 20' : 'Off'}
            disabled={!on}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={error?.length ? true : undefined}
            aria-describedby={error?.length ? `${id}-error` : undefined}
          />
          <span className="text-sm text-muted-foreground">tokens / min</span>
        </div>
      </div>
      {error?.length ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-destructive">
          {error.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
