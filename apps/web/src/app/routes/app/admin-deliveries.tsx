import { DeliveriesAdmin } from '@/features/admin/components/deliveries-admin';
import { AdminPage } from './admin-page';

export default function AdminDeliveriesRoute() {
  return (
    <AdminPage title="admin.section.deliveries" intro="admin.deliveries.intro">
      <DeliveriesAdmin />
    </AdminPage>
  );
}
