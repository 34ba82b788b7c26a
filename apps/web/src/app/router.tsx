import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { type LoaderFunction, type RouteObject } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { RouteErrorBoundary } from './routes/error';

/** What a lazy route module exports: the page, and optionally a loader that needs the query client. */
interface RouteModule {
  default: ComponentType;
  clientLoader?: (queryClient: QueryClient) => LoaderFunction;
}

const convert = (queryClient: QueryClient) => (module: RouteModule) => ({
  Component: module.default,
  ...(module.clientLoader ? { loader: module.clientLoader(queryClient) } : {}),
});

/** All routes in one table; every page is its own chunk. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  const load = convert(queryClient);
  return [
    {
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <Loading />,
      children: [
        {
          path: paths.home.path,
          lazy: () => import('./routes/app/root').then(load),
          children: [
            { index: true, lazy: () => import('./routes/app/my-work').then(load) },
            { path: paths.cases.list.path, lazy: () => import('./routes/app/cases').then(load) },
            { path: paths.cases.new.path, lazy: () => import('./routes/app/case-new').then(load) },
            { path: paths.cases.detail.path, lazy: () => import('./routes/app/case').then(load) },
            { path: paths.cases.edit.path, lazy: () => import('./routes/app/case-edit').then(load) },
            { path: paths.breakthroughs.path, lazy: () => import('./routes/app/breakthroughs').then(load) },
            { path: paths.insight.path, lazy: () => import('./routes/app/dashboard').then(load) },
            { path: paths.mailbox.path, lazy: () => import('./routes/app/mailbox').then(load) },
            { path: paths.profile.path, lazy: () => import('./routes/app/profile').then(load) },
            {
              path: paths.admin.index.path,
              lazy: () => import('./routes/app/admin').then(load),
              children: [
                { index: true, lazy: () => import('./routes/app/admin-index').then(load) },
                {
                  path: paths.admin.organisations.path,
                  lazy: () => import('./routes/app/admin-organisations').then(load),
                },
                { path: paths.admin.users.path, lazy: () => import('./routes/app/admin-users').then(load) },
                {
                  path: paths.admin.regions.path,
                  lazy: () => import('./routes/app/admin-regions').then(load),
                },
                {
                  path: paths.admin.knelpuntTypes.path,
                  lazy: () => import('./routes/app/admin-knelpunt-types').then(load),
                },
                {
                  path: paths.admin.deadlinePolicies.path,
                  lazy: () => import('./routes/app/admin-deadline-policies').then(load),
                },
                {
                  path: paths.admin.holidays.path,
                  lazy: () => import('./routes/app/admin-holidays').then(load),
                },
                {
                  path: paths.admin.deliveries.path,
                  lazy: () => import('./routes/app/admin-deliveries').then(load),
                },
                { path: '*', lazy: () => import('./routes/not-found').then(load) },
              ],
            },
          ],
        },
        {
          lazy: () => import('./routes/public-layout').then(load),
          children: [
            { path: paths.auth.login.path, lazy: () => import('./routes/auth/login').then(load) },
            { path: paths.actionLink.path, lazy: () => import('./routes/action-link').then(load) },
            { path: paths.accessibility.path, lazy: () => import('./routes/accessibility').then(load) },
            { path: '*', lazy: () => import('./routes/not-found').then(load) },
          ],
        },
      ],
    },
  ];
}
