import { requireRole } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requireRole(['staff', 'creator', 'admin'], '/dashboard');
  return children;
}
