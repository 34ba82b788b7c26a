import { useNavigate, useSearchParams } from 'react-router';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { safeRedirect } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/login-form';
import { useI18n } from '@/lib/i18n';

export default function LoginRoute() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirect(searchParams.get('terug'));

  return (
    <div className="narrow">
      <DocumentTitle title={t('login.title')} />
      <PageHeading>{t('login.title')}</PageHeading>
      <p>{t('login.intro')}</p>
      <LoginForm onSuccess={() => navigate(redirectTo, { replace: true })} />
    </div>
  );
}
