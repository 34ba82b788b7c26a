import { RegionsAdmin } from '@/features/admin/components/regions-admin';
import { AdminPage } from './admin-page';

export default function AdminRegionsRoute() {
  return (
    <AdminPage title="admin.section.regions" intro="admin.regions.intro">
      <RegionsAdmin />
    </AdminPage>
  );
}
