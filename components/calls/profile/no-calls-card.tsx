import { PhoneOff } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

/** Shown on a creator's page when they offer no call kind yet; the owner gets the way to set it up. */
export function NoCallsCard({ creatorName, isSelf }: { creatorName: string; isSelf: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Paid calls</CardTitle>
      </CardHeader>
      <CardContent>
        <EmptyState
          icon={PhoneOff}
          className="py-8"
          title={isSelf ? 'You don’t offer paid calls yet' : `${creatorName} doesn’t offer paid calls yet`}
          description={
            isSelf
              ? 'Set a video or voice rate and your weekly hours, and fans can call or book you from here.'
              : 'When they set a rate, you can call or book them from this page.'
          }
          action={
            isSelf ? (
              <Button asChild>
                <Link href="/creator/calls">Set up paid calls</Link>
              </Button>
            ) : null
          }
        />
      </CardContent>
    </Card>
  );
}
