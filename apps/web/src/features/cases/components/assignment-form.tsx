import { useMemo } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import {
  ACTION_STATUSES,
  ASSIGNMENT_ROLES,
  createAssignmentSchema,
  patchAssignmentSchema,
  type Assignment,
  type CreateAssignmentInput,
  type PatchAssignmentInput,
} from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FormFieldset, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { FormActions } from '@/components/ui/form-actions';
import { InlineForm } from '@/components/ui/inline-form';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import type { RenderOrganisationField } from '@/lib/organisation-field';
import { useCreateAssignment } from '../api/create-assignment';
import { useUpdateAssignment } from '../api/update-assignment';
import { describeCaseActionError } from './action-errors';

type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
type ActionStatus = (typeof ACTION_STATUSES)[number];

interface FormValues {
  organisationId: string;
  role: AssignmentRole;
  requestedAction: string;
  contacts: { name: string; email: string }[];
  dueDate: string;
  actionStatus: ActionStatus;
}

/** Re-exported for the case page, which supplies the picker. */
export type { RenderOrganisationField };

const FIELDS = ['organisationId', 'role', 'requestedAction', 'contacts', 'dueDate', 'actionStatus'] as const;

const contactsOf = (values: FormValues) =>
  values.contacts
    .map((c) => ({ name: c.name.trim(), email: c.email.trim() }))
    .filter((c) => c.name || c.email)
    .map((c) => (c.name ? c : { email: c.email }));

function sameContacts(a: Assignment['contacts'], b: Assignment['contacts']) {
  return (
    JSON.stringify(a.map((c) => [c.name ?? '', c.email])) ===
    JSON.stringify(b.map((c) => [c.name ?? '', c.email]))
  );
}

/** Only what changed, so the api's timeline records exactly that. */
function patchOf(values: FormValues, current: Assignment): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (values.role !== current.role) patch.role = values.role;
  if (values.requestedAction.trim() !== current.requestedAction)
    patch.requestedAction = values.requestedAction;
  const contacts = contactsOf(values);
  if (!sameContacts(contacts, current.contacts)) patch.contacts = contacts;
  const dueDate = values.dueDate || null;
  if (dueDate !== current.dueDate) patch.dueDate = dueDate;
  if (values.actionStatus !== current.actionStatus) patch.actionStatus = values.actionStatus;
  return patch;
}

/**
 * Add a party to the case, or (with `assignment`) change its role, requested action, contacts,
 * due date and action status. Coordinators (and whoever runs the table) only.
 */
export function AssignmentForm({
  caseId,
  assignment,
  excludeOrganisationIds,
  renderOrganisationField,
  onDone,
  onCancel,
}: {
  caseId: string;
  assignment?: Assignment;
  excludeOrganisationIds: readonly string[];
  renderOrganisationField: RenderOrganisationField;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const isEdit = assignment !== undefined;
  const prefix = isEdit ? `assignment-${assignment.id}` : 'assignment-new';
  const resolver = useMemo(
    () =>
      isEdit
        ? domainResolver<FormValues, PatchAssignmentInput | CreateAssignmentInput>(
            patchAssignmentSchema,
            (values) => patchOf(values, assignment),
            language,
            (path) => (path === 'root.server' ? t('assignments.error.nothingChanged') : undefined),
          )
        : domainResolver<FormValues, PatchAssignmentInput | CreateAssignmentInput>(
            createAssignmentSchema,
            (values) => ({
              organisationId: values.organisationId,
              role: values.role,
              requestedAction: values.requestedAction,
              contacts: contactsOf(values),
              dueDate: values.dueDate || undefined,
            }),
            language,
            (path) => (path === 'organisationId' ? t('assignments.error.organisation') : undefined),
          ),
    [isEdit, assignment, language, t],
  );
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    watch,
    formState: { errors, submitCount },
  } = useForm<FormValues, unknown, PatchAssignmentInput | CreateAssignmentInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      organisationId: assignment?.organisationId ?? '',
      role: assignment?.role ?? 'lead',
      requestedAction: assignment?.requestedAction ?? '',
      contacts: assignment?.contacts.map((c) => ({ name: c.name ?? '', email: c.email })) ?? [
        { name: '', email: '' },
      ],
      dueDate: assignment?.dueDate ?? '',
      actionStatus: assignment?.actionStatus ?? 'open',
    },
  });
  const contacts = useFieldArray({ control, name: 'contacts' });
  const create = useCreateAssignment();
  const update = useUpdateAssignment();

  const onSubmit = handleSubmit(async (input) => {
    try {
      if (assignment) {
        await update.mutateAsync({
          caseId,
          assignmentId: assignment.id,
          version: assignment.version,
          input,
        });
        onDone(t('assignments.updated', { organisation: assignment.organisationName }));
      } else {
        const created = await create.mutateAsync({ caseId, input: input as CreateAssignmentInput });
        onDone(t('assignments.created', { organisation: created.organisationName }));
      }
    } catch (error) {
      if (!applyServerFieldErrors(error, FIELDS, setError)) {
        setError('root.server', { type: 'request', message: describeCaseActionError(error, t, language) });
      }
    }
  });

  const roleOptions = ASSIGNMENT_ROLES.map((role) => ({ value: role, label: t(`assignmentRole.${role}`) }));
  const statusOptions = ACTION_STATUSES.map((s) => ({ value: s, label: t(`actionStatus.${s}`) }));

  const summary: ErrorSummaryItem[] = [];
  if (errors.root?.server?.message)
    summary.push({ fieldId: `${prefix}-requestedAction`, message: errors.root.server.message });
  if (errors.organisationId?.message)
    summary.push({ fieldId: `${prefix}-organisationId`, message: errors.organisationId.message });
  if (errors.requestedAction?.message)
    summary.push({ fieldId: `${prefix}-requestedAction`, message: errors.requestedAction.message });
  errors.contacts?.forEach?.((contact, index) => {
    if (contact?.email?.message)
      summary.push({ fieldId: `${prefix}-contact-${index}-email`, message: contact.email.message });
    if (contact?.name?.message)
      summary.push({ fieldId: `${prefix}-contact-${index}-name`, message: contact.name.message });
  });
  if (errors.dueDate?.message)
    summary.push({ fieldId: `${prefix}-dueDate`, message: errors.dueDate.message });

  return (
    <InlineForm
      id={prefix}
      title={
        isEdit
          ? t('assignments.editTitle', { organisation: assignment.organisationName })
          : t('assignments.addTitle')
      }
      onSubmit={onSubmit}
    >
      <ErrorSummary items={summary} focusKey={submitCount} />
      {isEdit
        ? null
        : renderOrganisationField({
            id: `${prefix}-organisationId`,
            label: t('assignments.organisation'),
            value: watch('organisationId'),
            onChange: (organisationId) =>
              setValue('organisationId', organisationId, { shouldValidate: submitCount > 0 }),
            error: errors.organisationId?.message,
            excludeIds: excludeOrganisationIds,
          })}
      <SelectField
        id={`${prefix}-role`}
        label={t('assignments.role')}
        options={roleOptions}
        {...register('role')}
      />
      <TextareaField
        id={`${prefix}-requestedAction`}
        label={t('assignments.requestedAction')}
        hint={t('assignments.requestedAction.hint')}
        rows={3}
        error={errors.requestedAction?.message}
        {...register('requestedAction')}
      />
      <FormFieldset id={`${prefix}-contacts`} label={t('assignments.contacts')} optional>
        {contacts.fields.map((contact, index) => (
          <div key={contact.id} className="contact-row">
            <TextField
              id={`${prefix}-contact-${index}-name`}
              label={t('assignments.contact.name', { number: index + 1 })}
              autoComplete="off"
              error={errors.contacts?.[index]?.name?.message}
              {...register(`contacts.${index}.name`)}
            />
            <TextField
              id={`${prefix}-contact-${index}-email`}
              label={t('assignments.contact.email', { number: index + 1 })}
              type="email"
              autoComplete="off"
              spellCheck={false}
              error={errors.contacts?.[index]?.email?.message}
              {...register(`contacts.${index}.email`)}
            />
            {contacts.fields.length > 1 ? (
              <Button variant="subtle" onClick={() => contacts.remove(index)}>
                {t('assignments.contact.remove', { number: index + 1 })}
              </Button>
            ) : null}
          </div>
        ))}
        {contacts.fields.length < 10 ? (
          <Button variant="subtle" onClick={() => contacts.append({ name: '', email: '' })}>
            {t('assignments.contact.add')}
          </Button>
        ) : null}
      </FormFieldset>
      <TextField
        id={`${prefix}-dueDate`}
        label={t('assignments.dueDate')}
        type="date"
        optional
        short
        error={errors.dueDate?.message}
        {...register('dueDate')}
      />
      {isEdit ? (
        <SelectField
          id={`${prefix}-actionStatus`}
          label={t('assignments.actionStatus')}
          options={statusOptions}
          {...register('actionStatus')}
        />
      ) : null}
      <FormActions
        submitLabel={isEdit ? t('assignments.save') : t('assignments.add')}
        isBusy={create.isPending || update.isPending}
        onCancel={onCancel}
      />
    </InlineForm>
  );
}
