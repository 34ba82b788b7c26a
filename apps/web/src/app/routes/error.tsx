import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageShell } from '@/components/layouts/page-shell';
import { Button } from '@/components/ui/button';
import { DocumentTitle } from '@/components/ui/document-title';
import { paths } from '@/config/paths';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

/** Shown when a route fails to load or render (api down, a chunk missing after a deploy, a bug). */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : describeRequestError(error, t);
  return (
    <PageShell homeHref={paths.home.getHref()}>
      <DocumentTitle title={t('app.error.title')} />
      <h1 tabIndex={-1} className="page-heading">
        {t('app.error.title')}
      </h1>
      <p>{detail}</p>
      <Button variant="secondary" onClick={() => window.location.reload()}>
        {t('app.error.reload')}
      </Button>
    </PageShell>
  );
}
