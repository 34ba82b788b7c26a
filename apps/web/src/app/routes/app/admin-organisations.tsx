import { OrganisationsAdmin } from '@/features/admin/components/organisations-admin';
import { AdminPage } from './admin-page';

export default function AdminOrganisationsRoute() {
  return (
    <AdminPage title="admin.section.organisations" intro="admin.organisations.intro">
      <OrganisationsAdmin />
    </AdminPage>
  );
}
