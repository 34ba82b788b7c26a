import { SkipLink } from '@nl-design-system-candidate/skip-link-react';
import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { LanguageSwitch } from '@/components/ui/language-switch';

const MAIN_ID = 'inhoud';

function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
}

/**
 * The frame of every page: skip link, header, optional navigation, main and footer.
 * Logged-in pages pass the navigation and the user menu; public pages pass neither.
 */
export function PageShell({
  homeHref,
  userMenu,
  nav,
  children,
}: {
  homeHref: string;
  userMenu?: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="page">
      <SkipLink href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('app.skipLink')}
      </SkipLink>
      <header className="page-header">
        <div className="page-header__inner container">
          <Link to={homeHref} className="page-header__logo">
            <span className="page-header__name">{t('app.name')}</span>
            <span className="page-header__tagline">{t('app.tagline')}</span>
          </Link>
          <div className="page-header__tools">
            {userMenu}
            <LanguageSwitch />
          </div>
        </div>
        {nav ? (
          <nav className="page-nav" aria-label={t('app.mainNav')}>
            <div className="container">{nav}</div>
          </nav>
        ) : null}
      </header>
      <main id={MAIN_ID} className="page-main container" tabIndex={-1}>
        {children}
      </main>
      <footer className="page-footer">
        <div className="container">
          <ul className="page-footer__links">
            <li>
              <Link to={paths.accessibility.getHref()}>{t('app.footer.accessibility')}</Link>
            </li>
          </ul>
        </div>
      </footer>
    </div>
  );
}
