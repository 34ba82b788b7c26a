import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Profile } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DocumentTitle } from '@/components/ui/document-title';
import { RadioGroup } from '@/components/ui/form';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { useProfile } from '@/features/profile/api/get-profile';
import { useUpdateProfile } from '@/features/profile/api/update-profile';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

function ProfileForm({ profile }: { profile: Profile }) {
  const { t, language, setLanguage } = useI18n();
  const update = useUpdateProfile();
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, reset } = useForm<Profile>({ defaultValues: profile });

  useEffect(() => reset(profile), [profile, reset]);

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const answer = await update.mutateAsync(values).catch(() => null);
    if (!answer) return; // the error shows from the mutation's state
    // The saved language is the UI's language from now on, here and on the next visit.
    if (answer.language !== language) await setLanguage(answer.language);
    setSaved(true);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="narrow">
      {update.isError ? (
        <Alert focus>{describeRequestError(update.error, t)}</Alert>
      ) : saved ? (
        <Alert type="info" focus>
          {t('profile.saved')}
        </Alert>
      ) : null}
      <RadioGroup
        id="profile-language"
        label={t('profile.language')}
        options={[
          { value: 'nl', label: t('profile.language.nl') },
          { value: 'en', label: t('profile.language.en') },
        ]}
        inputProps={register('language')}
      />
      <RadioGroup
        id="profile-notificationMode"
        label={t('profile.notificationMode')}
        options={[
          {
            value: 'immediate',
            label: t('profile.notificationMode.immediate'),
            hint: t('profile.notificationMode.immediate.hint'),
          },
          {
            value: 'digest',
            label: t('profile.notificationMode.digest'),
            hint: t('profile.notificationMode.digest.hint'),
          },
        ]}
        inputProps={register('notificationMode')}
      />
      <Button type="submit" isBusy={update.isPending}>
        {t('profile.save')}
      </Button>
    </form>
  );
}

/** My preferences: the language of the UI and of emails, and immediate mail or a daily digest. */
export default function ProfileRoute() {
  const { t } = useI18n();
  const profileQuery = useProfile();
  return (
    <>
      <DocumentTitle title={t('profile.title')} />
      <PageHeading>{t('profile.title')}</PageHeading>
      <p className="narrow">{t('profile.intro')}</p>
      {profileQuery.isPending ? (
        <Loading label={t('profile.loading')} />
      ) : profileQuery.data ? (
        <ProfileForm profile={profileQuery.data} />
      ) : (
        <Alert>{describeRequestError(profileQuery.error, t)}</Alert>
      )}
    </>
  );
}
