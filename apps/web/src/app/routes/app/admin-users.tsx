import { UsersAdmin } from '@/features/admin/components/users-admin';
import { OrganisationPicker } from '@/features/organisations/components/organisation-picker';
import { AdminPage } from './admin-page';

export default function AdminUsersRoute() {
  return (
    <AdminPage title="admin.section.users" intro="admin.users.intro">
      <UsersAdmin renderOrganisationField={(props) => <OrganisationPicker {...props} />} />
    </AdminPage>
  );
}
