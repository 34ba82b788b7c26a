import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';

/**
 * react-hook-form as every admin form uses it: validated by a libs/domain resolver, focus left to
 * the error summary, and `submitWith(save)` — `save` stores the input and returns the saved
 * thing's name, which `onDone` announces; a refusal puts the api's problem+json field errors on
 * `fields` and anything else on `root.server`.
 */
export function useAdminForm<TValues extends FieldValues, TOutput>({
  resolver,
  defaultValues,
  fields,
  onDone,
}: {
  resolver: Resolver<TValues, unknown, TOutput>;
  defaultValues: DefaultValues<TValues>;
  fields: readonly Path<TValues>[];
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const form = useForm<TValues, unknown, TOutput>({ resolver, shouldFocusError: false, defaultValues });
  const { handleSubmit, setError } = form;
  const submitWith = (save: (input: TOutput) => Promise<string>) =>
    handleSubmit(async (input) => {
      try {
        const name = await save(input);
        onDone(t('admin.saved', { name }));
      } catch (error) {
        if (!applyServerFieldErrors(error, fields, setError))
          setError('root.server', { type: 'request', message: describeRequestError(error, t) });
      }
    });
  return { ...form, submitWith };
}
