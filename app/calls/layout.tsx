import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';

export default async function CallsLayout({ children }: { children: React.ReactNode }) {
  await requireRole(ROLES, '/calls');
  return children;
}
