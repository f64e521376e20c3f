'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center" role="alert">
      <h1 className="text-2xl font-bold tracking-tight">Something went wrong</h1>
      <p className="text-muted-foreground">
        We couldn’t load this page. The error has been logged
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
