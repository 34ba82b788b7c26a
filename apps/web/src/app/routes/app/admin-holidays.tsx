import { HolidaysAdmin } from '@/features/admin/components/holidays-admin';
import { AdminPage } from './admin-page';

export default function AdminHolidaysRoute() {
  return (
    <AdminPage title="admin.section.holidays" intro="admin.holidays.intro">
      <HolidaysAdmin />
    </AdminPage>
  );
}
