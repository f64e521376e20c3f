import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <p className="text-sm font-medium text-muted-foreground">Error 404</p>
      <h1 className="text-2xl font-bold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground">The page or profile you’re looking for doesn’t exist.</p>
      <Button asChild>
        <Link href="/creators">Browse creators</Link>
      </Button>
    </div>
  );
}
