import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { loginSchema, translateMessage, zodLocale, type LoginInput, type Me } from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { TextField } from '@/components/ui/form';
import { isApiError } from '@/lib/api-client';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useLogin } from '../api/login';

const FIELDS = ['email', 'password'] as const;

export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void | Promise<void> }) {
  const { t, language } = useI18n();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginSchema, { error: zodLocale(language) }),
    defaultValues: { email: '', password: '' },
    shouldFocusError: false,
  });
  const loginMutation = useLogin({ onSuccess });

  const onSubmit = handleSubmit(async (input) => {
    try {
      await loginMutation.mutateAsync(input);
    } catch (error) {
      if (isApiError(error, 401)) {
        setError('root.server', { type: 'credentials', message: t('login.invalidCredentials') });
      } else if (!applyServerFieldErrors(error, FIELDS, setError)) {
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
      }
    }
  });

  const message = (raw: string | undefined) => (raw ? translateMessage(raw, language) : undefined);
  const emailError = message(errors.email?.message);
  const passwordError = message(errors.password?.message);
  const serverError = errors.root?.server?.message;

  const summary: ErrorSummaryItem[] = [];
  if (serverError) summary.push({ fieldId: 'email', message: serverError });
  if (emailError) summary.push({ fieldId: 'email', message: emailError });
  if (passwordError) summary.push({ fieldId: 'password', message: passwordError });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <ErrorSummary items={summary} focusKey={submitCount} />
      <TextField
        id="email"
        label={t('login.email')}
        type="email"
        autoComplete="username"
        spellCheck={false}
        error={emailError}
        {...register('email')}
      />
      <TextField
        id="password"
        label={t('login.password')}
        type="password"
        autoComplete="current-password"
        error={passwordError}
        {...register('password')}
      />
      <Button type="submit" isBusy={loginMutation.isPending} busyText={t('login.submitting')}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
