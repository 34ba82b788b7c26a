import { KnelpuntTypesAdmin } from '@/features/admin/components/knelpunt-types-admin';
import { AdminPage } from './admin-page';

export default function AdminKnelpuntTypesRoute() {
  return (
    <AdminPage title="admin.section.knelpuntTypes" intro="admin.knelpuntTypes.intro">
      <KnelpuntTypesAdmin />
    </AdminPage>
  );
}
