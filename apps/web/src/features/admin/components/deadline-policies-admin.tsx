import { useMemo } from 'react';
import {
  DEADLINE_KINDS,
  DEADLINE_POLICY_DIMENSIONS,
  deadlinePolicyInputSchema,
  deadlinePolicyPatchSchema,
  type DeadlineKind,
  type DeadlinePolicy,
  type DeadlinePolicyInput,
  type DeadlinePolicyPatch,
} from '@doorbraak/domain';
import { SelectField, TextField } from '@/components/ui/form';
import { useLevels } from '@/features/reference/api/get-levels';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n, type Translate } from '@/lib/i18n';
import { useDeadlinePolicies } from '../api/get-deadline-policies';
import { useKnelpuntTypes } from '../api/get-knelpunt-types';
import { useSaveDeadlinePolicy } from '../api/save-deadline-policy';
import { AdminForm, summaryOf } from './admin-form';
import { AddNew, AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

interface FormValues {
  kind: DeadlineKind;
  knelpuntCode: string;
  levelCode: string;
  budgetWorkingDays: string;
  maxExtensionWorkingDays: string;
  maxPauseWorkingDays: string;
}
const CREATE_FIELDS = [
  'kind',
  'knelpuntCode',
  'levelCode',
  'budgetWorkingDays',
  'maxExtensionWorkingDays',
  'maxPauseWorkingDays',
] as const;
const EDIT_FIELDS = ['budgetWorkingDays', 'maxExtensionWorkingDays', 'maxPauseWorkingDays'] as const;

/** What the user typed as a number: empty stays undefined, anything else goes to the schema as typed. */
const num = (value: string) => (value.trim() === '' ? undefined : Number(value.trim().replace(',', '.')));

type Labels = { knelpunt: Map<string, string>; level: Map<string, string> };

function policyName(
  policy: Pick<DeadlinePolicy, 'kind' | 'knelpuntCode' | 'levelCode'>,
  labels: Labels,
  t: Translate,
) {
  return [
    t(`admin.policies.kind.${policy.kind}`),
    policy.knelpuntCode ? (labels.knelpunt.get(policy.knelpuntCode) ?? policy.knelpuntCode) : null,
    policy.levelCode ? (labels.level.get(policy.levelCode) ?? policy.levelCode) : null,
  ]
    .filter(Boolean)
    .join(' – ');
}

function PolicyForm({
  policy,
  labels,
  editor,
}: {
  policy?: DeadlinePolicy;
  labels: Labels;
  editor: Editing;
}) {
  const { t, language } = useI18n();
  const prefix = policy ? `policy-${policy.id}` : 'policy-new';
  const resolver = useMemo(
    () =>
      policy
        ? domainResolver<FormValues, DeadlinePolicyPatch | DeadlinePolicyInput>(
            deadlinePolicyPatchSchema,
            (values) => {
              const patch: Record<string, unknown> = {};
              const budget = num(values.budgetWorkingDays);
              const extension = num(values.maxExtensionWorkingDays);
              const pause = num(values.maxPauseWorkingDays);
              if (budget !== policy.budgetWorkingDays) patch.budgetWorkingDays = budget;
              if (extension !== policy.maxExtensionWorkingDays) patch.maxExtensionWorkingDays = extension;
              if (pause !== policy.maxPauseWorkingDays) patch.maxPauseWorkingDays = pause;
              return patch;
            },
            language,
            (path) => (path === 'root.server' ? t('admin.error.nothingChanged') : undefined),
          )
        : domainResolver<FormValues, DeadlinePolicyPatch | DeadlinePolicyInput>(
            deadlinePolicyInputSchema,
            (values) => ({
              kind: values.kind,
              // A field hidden for this kind does not count.
              knelpuntCode: DEADLINE_POLICY_DIMENSIONS[values.kind].knelpunt
                ? values.knelpuntCode || null
                : null,
              levelCode:
                DEADLINE_POLICY_DIMENSIONS[values.kind].level === 'required'
                  ? values.levelCode || null
                  : null,
              budgetWorkingDays: num(values.budgetWorkingDays),
              maxExtensionWorkingDays: num(values.maxExtensionWorkingDays),
              maxPauseWorkingDays: num(values.maxPauseWorkingDays),
            }),
            language,
          ),
    [policy, language, t],
  );
  const fields = policy ? EDIT_FIELDS : CREATE_FIELDS;
  const {
    register,
    submitWith,
    watch,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, DeadlinePolicyPatch | DeadlinePolicyInput>({
    resolver,
    fields,
    onDone: editor.done,
    defaultValues: {
      kind: policy?.kind ?? 'assignment',
      knelpuntCode: '',
      levelCode: '',
      budgetWorkingDays: policy ? String(policy.budgetWorkingDays) : '',
      maxExtensionWorkingDays: policy ? String(policy.maxExtensionWorkingDays) : '',
      maxPauseWorkingDays: policy ? String(policy.maxPauseWorkingDays) : '60',
    },
  });
  const save = useSaveDeadlinePolicy();
  const onSubmit = submitWith(async (input) => {
    const saved = policy
      ? await save.mutateAsync({ id: policy.id, input: input })
      : await save.mutateAsync({ input: input as DeadlinePolicyInput });
    return policyName(saved, labels, t);
  });
  const kind = watch('kind');
  const dims = DEADLINE_POLICY_DIMENSIONS[kind];
  const numberProps = { inputMode: 'numeric' as const, short: true, autoComplete: 'off' };

  return (
    <AdminForm
      id={prefix}
      title={
        policy
          ? t('admin.policies.editTitle', { name: policyName(policy, labels, t) })
          : t('admin.policies.addTitle')
      }
      summary={summaryOf(errors, prefix, fields)}
      submitCount={submitCount}
      isBusy={save.isPending}
      onSubmit={onSubmit}
      onCancel={editor.cancel}
    >
      {policy ? null : (
        <>
          <SelectField
            id={`${prefix}-kind`}
            label={t('admin.policies.kind')}
            options={DEADLINE_KINDS.map((k) => ({ value: k, label: t(`admin.policies.kind.${k}`) }))}
            error={errors.kind?.message}
            {...register('kind')}
          />
          {dims.knelpunt ? (
            <SelectField
              id={`${prefix}-knelpuntCode`}
              label={t('admin.policies.knelpunt')}
              placeholder={t('admin.policies.knelpunt.any')}
              options={[...labels.knelpunt].map(([value, label]) => ({ value, label }))}
              error={errors.knelpuntCode?.message}
              {...register('knelpuntCode')}
            />
          ) : null}
          {dims.level === 'required' ? (
            <SelectField
              id={`${prefix}-levelCode`}
              label={t('admin.policies.level')}
              placeholder={t('admin.policies.level.choose')}
              options={[...labels.level].map(([value, label]) => ({ value, label }))}
              error={errors.levelCode?.message}
              {...register('levelCode')}
            />
          ) : null}
        </>
      )}
      <TextField
        id={`${prefix}-budgetWorkingDays`}
        label={t('admin.policies.budget')}
        hint={t('admin.policies.budget.hint')}
        error={errors.budgetWorkingDays?.message}
        {...numberProps}
        {...register('budgetWorkingDays')}
      />
      <TextField
        id={`${prefix}-maxExtensionWorkingDays`}
        label={t('admin.policies.extension')}
        hint={t('admin.policies.extension.hint')}
        error={errors.maxExtensionWorkingDays?.message}
        {...numberProps}
        {...register('maxExtensionWorkingDays')}
      />
      <TextField
        id={`${prefix}-maxPauseWorkingDays`}
        label={t('admin.policies.pause')}
        hint={t('admin.policies.pause.hint')}
        error={errors.maxPauseWorkingDays?.message}
        {...numberProps}
        {...register('maxPauseWorkingDays')}
      />
    </AdminForm>
  );
}

/** The deadline policies: what each step may take; changes apply to deadlines started afterwards. */
export function DeadlinePoliciesAdmin() {
  const { t, language, formatNumber } = useI18n();
  const query = useDeadlinePolicies();
  const types = useKnelpuntTypes();
  const levels = useLevels();
  const editor = useEditing();
  const labels = useMemo<Labels>(
    () => ({
      knelpunt: new Map((types.data ?? []).map((k) => [k.code, language === 'en' ? k.labelEn : k.labelNl])),
      level: new Map((levels.data ?? []).map((l) => [l.code, language === 'en' ? l.labelEn : l.labelNl])),
    }),
    [types.data, levels.data, language],
  );
  const columns = [
    { key: 'kind', label: t('admin.policies.kind') },
    { key: 'knelpunt', label: t('admin.policies.knelpunt') },
    { key: 'level', label: t('admin.policies.level') },
    { key: 'budget', label: t('admin.policies.budget'), numeric: true },
    { key: 'extension', label: t('admin.policies.extension'), numeric: true },
    { key: 'pause', label: t('admin.policies.pause'), numeric: true },
  ];
  return (
    <AdminQuery query={query}>
      {(policies) => (
        <>
          <SavedMessage editor={editor} />
          <AddNew
            editor={editor}
            label={t('admin.policies.add')}
            form={<PolicyForm labels={labels} editor={editor} />}
          />
          <AdminTable id="deadline-policies" caption={t('admin.policies.caption')} columns={columns}>
            {policies.map((policy) => (
              <EditableRow
                key={policy.id}
                editor={editor}
                rowKey={policy.id}
                name={policyName(policy, labels, t)}
                header={t(`admin.policies.kind.${policy.kind}`)}
                form={<PolicyForm policy={policy} labels={labels} editor={editor} />}
              >
                <td>
                  {policy.knelpuntCode
                    ? (labels.knelpunt.get(policy.knelpuntCode) ?? policy.knelpuntCode)
                    : t('admin.policies.knelpunt.any')}
                </td>
                <td>
                  {policy.levelCode
                    ? (labels.level.get(policy.levelCode) ?? policy.levelCode)
                    : t('admin.none')}
                </td>
                <td className="numeric">{formatNumber(policy.budgetWorkingDays)}</td>
                <td className="numeric">{formatNumber(policy.maxExtensionWorkingDays)}</td>
                <td className="numeric">{formatNumber(policy.maxPauseWorkingDays)}</td>
              </EditableRow>
            ))}
          </AdminTable>
        </>
      )}
    </AdminQuery>
  );
}
