import { useI18n } from '@/lib/i18n';
import { Button } from './button';

/** Switches between Dutch and English; the button is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <Button
      variant="subtle"
      className="language-switch"
      lang={other}
      aria-label={t('app.languageSwitch.label')}
      onClick={() => void setLanguage(other)}
    >
      {t('app.languageSwitch')}
    </Button>
  );
}
