import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <ShieldAlert className="size-12 text-destructive" aria-hidden />
      <p className="text-sm font-medium text-muted-foreground">Error 403</p>
      <h1 className="text-balance text-2xl font-bold tracking-tight">You don’t have access to this page</h1>
      <p className="text-muted-foreground">
        Your account’s role doesn’t include this area. If you think it should, ask an administrator.
      </p>
      <Button asChild>
        <Link href="/">Back to home</Link>
      </Button>
    </div>
  );
}
