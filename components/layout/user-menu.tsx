'use client';

import { Coins, LogOut, UserRound, Wallet } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Avatar } from '@/components/ui/avatar';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { apiFetch } from '@/lib/http/client';

interface Props {
  displayName: string;
  username: string;
  role: string;
  avatarUrl: string | null;
}

export function UserMenu({ displayName, username, role, avatarUrl }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function signOut() {
    setBusy(true);
    const r = await apiFetch('/api/auth/signout', { method: 'POST', body: {} });
    setBusy(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success('Signed out');
    router.push('/');
    router.refresh();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="gap-2 px-1.5"
          aria-label={`Account menu for ${displayName}`}
        >
          <Avatar name={displayName} src={avatarUrl ?? undefined} size="sm" />
          <span className="hidden max-w-32 truncate sm:inline">{displayName}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-56">
        <DropdownMenuLabel>
          <div className="truncate font-medium">{displayName}</div>
          <div className="truncate text-xs font-normal text-muted-foreground">
            @{username} · {role}
          </div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/profile">
            <UserRound aria-hidden /> Your profile
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href={`/creators/${username}`}>
            <UserRound aria-hidden /> Public page
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/wallet">
            <Wallet aria-hidden /> Wallet
          </Link>
        </DropdownMenuItem>
        {role === 'creator' || role === 'admin' ? (
          <DropdownMenuItem asChild>
            <Link href="/creator/earnings">
              <Coins aria-hidden /> Earnings
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuItem disabled={busy} onSelect={() => void signOut()}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
