import { useId, useRef, useState, type FormEvent } from 'react';
import { commentVisibilitiesFor, type Language, type Me } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Choice, FieldError, FileInput, FormFieldset, Label } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { Section } from '@/components/ui/section';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { attachmentContentHref, useAttachments } from '../api/get-attachments';
import { useUploadAttachment } from '../api/upload-attachment';

/** `12345` → `12,1 kB` (decimal units, as file managers show them). */
export function formatBytes(bytes: number, language: Language): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  if (bytes < 1000) return format(bytes, 'B');
  if (bytes < 1_000_000) return format(bytes / 1000, 'kB');
  return format(bytes / 1_000_000, 'MB');
}

function UploadForm({ caseId, me }: { caseId: string; me: Me }) {
  const { t } = useI18n();
  const fileId = useId();
  const visibilities = commentVisibilitiesFor(me.role);
  const canChoose = visibilities.length > 1;
  const fileRef = useRef<HTMLInputElement>(null);
  const [visibility, setVisibility] = useState<'internal' | 'shared'>('internal');
  const [fileError, setFileError] = useState<string | undefined>();
  const [result, setResult] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const upload = useUploadAttachment();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setResult(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError(t('attachments.error.file'));
      fileRef.current?.focus();
      return;
    }
    setFileError(undefined);
    try {
      const created = await upload.mutateAsync({
        caseId,
        file,
        ...(canChoose ? { visibility } : {}),
      });
      if (fileRef.current) fileRef.current.value = '';
      setResult({ type: 'info', text: t('attachments.uploaded', { filename: created.filename }) });
    } catch (error) {
      setResult({ type: 'error', text: describeRequestError(error, t) });
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="form" aria-labelledby="upload-title">
      <h3 id="upload-title">{t('attachments.upload')}</h3>
      {result ? (
        <Alert type={result.type} focus={result.type === 'error'}>
          {result.text}
        </Alert>
      ) : null}
      <div className={fileError ? 'form-field form-field--invalid' : 'form-field'}>
        <Label htmlFor={fileId}>{t('attachments.file')}</Label>
        <p className="form-field__hint" id={`${fileId}-hint`}>
          {t('attachments.file.hint')}
        </p>
        <FieldError id={fileId} error={fileError} />
        <FileInput
          ref={fileRef}
          id={fileId}
          name="file"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
        />
      </div>
      {canChoose ? (
        <FormFieldset id="upload-visibility" label={t('attachments.visibility')}>
          <div className="checkbox-group">
            {visibilities.map((v) => (
              <Choice
                key={v}
                id={`upload-visibility-${v}`}
                type="radio"
                name="visibility"
                value={v}
                label={t(`visibility.${v}`)}
                hint={t(`visibility.${v}.hint`)}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
              />
            ))}
          </div>
        </FormFieldset>
      ) : (
        <p className="form-field__hint">{t('attachments.sharedOnly')}</p>
      )}
      <Button type="submit" isBusy={upload.isPending} busyText={t('attachments.uploading')}>
        {t('attachments.submit')}
      </Button>
    </form>
  );
}

/** "Bijlagen": files on the case, each a download link, and the upload form. */
export function CaseAttachments({ caseId, me }: { caseId: string; me: Me }) {
  const { t, language, formatDateTime } = useI18n();
  const attachmentsQuery = useAttachments(caseId);

  return (
    <Section id="bijlagen" title={t('attachments.title')}>
      {attachmentsQuery.isPending ? (
        <Loading label={t('attachments.loading')} />
      ) : !attachmentsQuery.data ? (
        <Alert>{describeRequestError(attachmentsQuery.error, t)}</Alert>
      ) : attachmentsQuery.data.length === 0 ? (
        <p>{t('attachments.empty')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="attachments-caption">
          <table className="table">
            <caption id="attachments-caption" className="visually-hidden">
              {t('attachments.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('attachments.file')}</th>
                <th scope="col" className="numeric">
                  {t('attachments.size')}
                </th>
                <th scope="col">{t('attachments.uploadedBy')}</th>
                <th scope="col">{t('attachments.uploadedAt')}</th>
                <th scope="col">{t('attachments.visibility')}</th>
              </tr>
            </thead>
            <tbody>
              {attachmentsQuery.data.map((attachment) => (
                <tr key={attachment.id}>
                  <th scope="row" className="table__row-header break-anywhere">
                    <a href={attachmentContentHref(caseId, attachment.id)} download={attachment.filename}>
                      {attachment.filename}
                    </a>
                  </th>
                  <td className="numeric nowrap">{formatBytes(attachment.sizeBytes, language)}</td>
                  <td>{attachment.uploadedBy ?? '—'}</td>
                  <td className="nowrap">
                    <time dateTime={attachment.createdAt}>{formatDateTime(attachment.createdAt)}</time>
                  </td>
                  <td>{t(`visibility.${attachment.visibility}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UploadForm caseId={caseId} me={me} />
    </Section>
  );
}
