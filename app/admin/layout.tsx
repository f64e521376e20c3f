import { AdminNav } from '@/components/admin/admin-nav';
import { requireRole } from '@/lib/auth/viewer';

export const dynamic = 'force-dynamic';

/** Admins only. Each page checks the role again itself (layouts and pages render independently). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole(['admin'], '/admin');
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
