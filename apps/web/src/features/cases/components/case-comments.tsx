import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  commentVisibilitiesFor,
  createCommentSchema,
  type CreateCommentInput,
  type Me,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { RadioGroup, TextareaField } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { Section } from '@/components/ui/section';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useCreateComment } from '../api/create-comment';
import { useComments } from '../api/get-comments';

interface FormValues {
  body: string;
  visibility: 'internal' | 'shared';
}

function CommentForm({ caseId, me }: { caseId: string; me: Me }) {
  const { t, language } = useI18n();
  const visibilities = commentVisibilitiesFor(me.role);
  const canChoose = visibilities.length > 1;
  const [posted, setPosted] = useState(false);
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, CreateCommentInput>(
        createCommentSchema,
        (values) => ({ body: values.body, visibility: canChoose ? values.visibility : 'shared' }),
        language,
        (path) => (path === 'body' ? t('comments.error.body') : undefined),
      ),
    [canChoose, language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<FormValues, unknown, CreateCommentInput>({
    resolver,
    defaultValues: { body: '', visibility: canChoose ? 'internal' : 'shared' },
  });
  const mutation = useCreateComment();

  const onSubmit = handleSubmit(async (input) => {
    setPosted(false);
    try {
      await mutation.mutateAsync({ caseId, input });
      reset({ body: '', visibility: input.visibility });
      setPosted(true);
    } catch (error) {
      if (!applyServerFieldErrors(error, ['body', 'visibility'], setError)) {
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
      }
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="comment-form-title">
      <h3 id="comment-form-title">{t('comments.add')}</h3>
      {errors.root?.server?.message ? <Alert focus>{errors.root.server.message}</Alert> : null}
      {posted ? <Alert type="info">{t('comments.posted')}</Alert> : null}
      <TextareaField
        id="comment-body"
        label={t('comments.body')}
        rows={4}
        error={errors.body?.message}
        hint={canChoose ? undefined : t('comments.sharedOnly')}
        {...register('body')}
      />
      {canChoose ? (
        <RadioGroup
          id="comment-visibility"
          label={t('comments.visibility')}
          options={visibilities.map((v) => ({
            value: v,
            label: t(`visibility.${v}`),
            hint: t(`visibility.${v}.hint`),
          }))}
          error={errors.visibility?.message}
          inputProps={register('visibility')}
        />
      ) : null}
      <Button type="submit" isBusy={mutation.isPending} busyText={t('form.saving')}>
        {t('comments.submit')}
      </Button>
    </form>
  );
}

/** "Opmerkingen": the conversation on the case; the submitting municipality sees and writes only shared ones. */
export function CaseComments({ caseId, me, canComment }: { caseId: string; me: Me; canComment: boolean }) {
  const { t, formatDateTime } = useI18n();
  const commentsQuery = useComments(caseId);

  return (
    <Section id="opmerkingen" title={t('comments.title')}>
      {commentsQuery.isPending ? (
        <Loading label={t('comments.loading')} />
      ) : !commentsQuery.data ? (
        <Alert>{describeRequestError(commentsQuery.error, t)}</Alert>
      ) : commentsQuery.data.length === 0 ? (
        <p>{t('comments.empty')}</p>
      ) : (
        <ol className="comment-list" aria-label={t('comments.list')}>
          {commentsQuery.data.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment__meta">
                <strong>{comment.authorLabel}</strong> ·{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time> ·{' '}
                <span className="tag">{t(`visibility.${comment.visibility}`)}</span>
              </p>
              <p className="comment__body prewrap">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? <CommentForm caseId={caseId} me={me} /> : null}
    </Section>
  );
}
