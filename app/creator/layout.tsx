import { requireRole } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';

export default async function CreatorLayout({ children }: { children: React.ReactNode }) {
  await requireRole(['creator', 'admin'], '/creator');
  return children;
}
