'use client';

import { Bookmark, BookmarkCheck } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

/** Bookmark toggle on a creator card (signed-in fans). */
export function SaveCreatorButton({
  creatorId,
  name,
  initial,
}: {
  creatorId: string;
  name: string;
  initial: boolean;
}) {
  const [saved, setSaved] = useState(initial);
  const [pending, setPending] = useState(false);
  async function toggle() {
    setPending(true);
    const r = saved
      ? await apiFetch(`/api/discover/saved?creatorId=${creatorId}`, { method: 'DELETE' })
      : await apiFetch('/api/discover/saved', { method: 'POST', body: { creatorId } });
    setPending(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    setSaved(!saved);
    toast.success(saved ? `Removed ${name} from saved creators` : `Saved ${name}`);
  }
  return (
    <Button
      type="button"
      variant={saved ? 'secondary' : 'ghost'}
      size="icon"
      className="relative z-10"
      aria-pressed={saved}
      aria-label={saved ? `Remove ${name} from saved creators` : `Save ${name}`}
      disabled={pending}
      onClick={toggle}
    >
      {saved ? <BookmarkCheck aria-hidden /> : <Bookmark aria-hidden />}
    </Button>
  );
}
