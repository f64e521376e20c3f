'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';

/** Switches guild, keeping the date range. */
export function GuildPicker({
  guilds,
  current,
  from,
  to,
}: {
  guilds: { guild_id: string; name: string }[];
  current: string;
  from: string;
  to: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="space-y-1">
      <Label htmlFor="dash-guild">Guild</Label>
      <div className="flex items-center gap-2">
        <NativeSelect
          id="dash-guild"
          value={current}
          wrapperClassName="sm:w-64"
          onChange={(e) =>
            start(() =>
              router.push(`/dashboard?guild=${encodeURIComponent(e.target.value)}&from=${from}&to=${to}`),
            )
          }
        >
          {guilds.map((g) => (
            <option key={g.guild_id} value={g.guild_id}>
              {g.name}
            </option>
          ))}
        </NativeSelect>
        {pending ? <Spinner label="Loading guild…" /> : null}
      </div>
    </div>
  );
}
