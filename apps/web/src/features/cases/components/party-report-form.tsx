import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import {
  ACTION_STATUSES,
  patchAssignmentSchema,
  type Assignment,
  type PatchAssignmentInput,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { SelectField, TextareaField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n } from '@/lib/i18n';
import { useUpdateAssignment } from '../api/update-assignment';
import { describeCaseActionError } from './action-errors';

interface FormValues {
  actionStatus: (typeof ACTION_STATUSES)[number];
  progressNote: string;
}

/**
 * A party reports on its own action: only the action status and the progress note (the api
 * refuses anything else from a party user).
 */
export function PartyReportForm({
  caseId,
  assignment,
  onDone,
}: {
  caseId: string;
  assignment: Assignment;
  onDone: (message: string) => void;
}) {
  const { t, language } = useI18n();
  const prefix = `report-${assignment.id}`;
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, PatchAssignmentInput>(
        patchAssignmentSchema,
        (values) => {
          const patch: Record<string, unknown> = {};
          if (values.actionStatus !== assignment.actionStatus) patch.actionStatus = values.actionStatus;
          const note = values.progressNote.trim() || null;
          if (note !== assignment.progressNote) patch.progressNote = note;
          return patch;
        },
        language,
        (path) => (path === 'root.server' ? t('assignments.error.nothingChanged') : undefined),
      ),
    [assignment, language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FormValues, unknown, PatchAssignmentInput>({
    resolver,
    defaultValues: { actionStatus: assignment.actionStatus, progressNote: assignment.progressNote ?? '' },
  });
  const update = useUpdateAssignment();

  const onSubmit = handleSubmit(async (input) => {
    try {
      await update.mutateAsync({ caseId, assignmentId: assignment.id, version: assignment.version, input });
      onDone(t('assignments.reported'));
    } catch (error) {
      setError('root.server', { type: 'request', message: describeCaseActionError(error, t, language) });
    }
  });

  const statusOptions = ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }));
  return (
    <InlineForm id={prefix} title={t('assignments.reportTitle')} level={4} onSubmit={onSubmit}>
      {errors.root?.server?.message ? <Alert focus>{errors.root.server.message}</Alert> : null}
      <SelectField
        id={`${prefix}-actionStatus`}
        label={t('assignments.actionStatus')}
        options={statusOptions}
        {...register('actionStatus')}
      />
      <TextareaField
        id={`${prefix}-progressNote`}
        label={t('assignments.progressNote')}
        hint={t('assignments.progressNote.hint')}
        rows={3}
        optional
        error={errors.progressNote?.message}
        {...register('progressNote')}
      />
      <FormActions submitLabel={t('assignments.report')} isBusy={update.isPending} />
    </InlineForm>
  );
}
