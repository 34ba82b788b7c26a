import { DeadlinePoliciesAdmin } from '@/features/admin/components/deadline-policies-admin';
import { AdminPage } from './admin-page';

export default function AdminDeadlinePoliciesRoute() {
  return (
    <AdminPage title="admin.section.deadlinePolicies" intro="admin.policies.intro">
      <DeadlinePoliciesAdmin />
    </AdminPage>
  );
}
