import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getViewer } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getViewer()) redirect('/profile');
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-2xl">
            Create your account
          </CardTitle>
          <CardDescription>
            Follow creators, join their communities, and support them directly.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SignUpForm />
        </CardContent>
      </Card>
    </div>
  );
}
