import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseDetail } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { caseKeys } from '../../api/query-keys';
import { uploadAttachmentWithProgress } from '../../api/upload-attachment';

type UploadState =
  | { status: 'waiting' }
  | { status: 'busy'; percent: number }
  | { status: 'done' }
  | { status: 'failed'; reason: string };

/**
 * After the case is created: upload the chosen files one by one through the attachments api, each
 * with its own progress and outcome. A failed file never undoes the case (it exists already); it
 * can be tried again here or added later on the case page. All uploaded → `onAllDone`.
 */
export function AttachmentUploads({
  created,
  files,
  onAllDone,
  onOpenCase,
}: {
  created: CaseDetail;
  files: readonly File[];
  onAllDone: () => void;
  onOpenCase: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [states, setStates] = useState<UploadState[]>(() => files.map(() => ({ status: 'waiting' })));
  const [running, setRunning] = useState(true);
  /** The latest finished file, for screen readers (the percentages are not announced). */
  const [announcement, setAnnouncement] = useState('');
  const started = useRef(false);

  const setState = (index: number, state: UploadState) =>
    setStates((all) => all.map((current, i) => (i === index ? state : current)));

  const uploadOne = useCallback(
    async (index: number): Promise<boolean> => {
      const file = files[index];
      if (!file) return false;
      setState(index, { status: 'busy', percent: 0 });
      try {
        await uploadAttachmentWithProgress({ caseId: created.id, file }, (percent) =>
          setState(index, { status: 'busy', percent }),
        );
        setState(index, { status: 'done' });
        setAnnouncement(`${file.name}: ${t('melden.upload.done')}`);
        return true;
      } catch (error) {
        const reason = describeRequestError(error, t);
        setState(index, { status: 'failed', reason });
        setAnnouncement(`${file.name}: ${t('melden.upload.failed', { reason })}`);
        return false;
      }
    },
    [created.id, files, t],
  );

  const finish = useCallback(
    async (allOk: boolean) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.attachments(created.id) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.events(created.id) }),
      ]);
      setRunning(false);
      if (allOk) onAllDone();
    },
    [created.id, onAllDone, queryClient],
  );

  useEffect(() => {
    headingRef.current?.focus();
    if (started.current) return;
    started.current = true;
    void (async () => {
      let allOk = true;
      for (let index = 0; index < files.length; index += 1) {
        if (!(await uploadOne(index))) allOk = false;
      }
      await finish(allOk);
    })();
  }, [files.length, finish, uploadOne]);

  const retry = async (index: number) => {
    setRunning(true);
    const ok = await uploadOne(index);
    const othersOk = states.every((state, i) => i === index || state.status === 'done');
    await finish(ok && othersOk);
  };

  const failed = states.some((state) => state.status === 'failed');

  return (
    <section aria-labelledby="melden-upload-title" className="melden-uploads">
      <h2 id="melden-upload-title" ref={headingRef} tabIndex={-1}>
        {t('melden.upload.title')}
      </h2>
      <Alert type="info">{t('melden.upload.created', { reference: created.reference })}</Alert>
      <ul className="plain-list melden-files">
        {files.map((file, index) => {
          const state = states[index] ?? { status: 'waiting' };
          const progressId = `melden-upload-${index}`;
          return (
            <li key={`${file.name}-${index}`} className="melden-files__item">
              <label htmlFor={progressId} className="melden-files__name">
                {file.name}
              </label>
              <progress
                id={progressId}
                className="melden-files__progress"
                max={100}
                value={state.status === 'done' ? 100 : state.status === 'busy' ? state.percent : 0}
                aria-describedby={`${progressId}-status`}
              />
              <span
                id={`${progressId}-status`}
                className={
                  state.status === 'failed'
                    ? 'melden-files__status melden-files__status--failed'
                    : 'melden-files__status'
                }
              >
                {state.status === 'waiting'
                  ? t('melden.upload.waiting')
                  : state.status === 'busy'
                    ? t('melden.upload.busy', { percent: state.percent })
                    : state.status === 'done'
                      ? t('melden.upload.done')
                      : t('melden.upload.failed', { reason: state.reason })}
              </span>
              {state.status === 'failed' && !running ? (
                <Button variant="secondary" onClick={() => void retry(index)}>
                  {t('melden.upload.retry', { name: file.name })}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {failed && !running ? <Alert type="error">{t('melden.upload.someFailed')}</Alert> : null}
      <Button variant={failed && !running ? 'primary' : 'secondary'} onClick={onOpenCase}>
        {t('melden.upload.toCase')}
      </Button>
    </section>
  );
}
