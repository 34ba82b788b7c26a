import { useMemo } from 'react';
import { knelpuntTypePatchSchema, type AdminKnelpuntType, type KnelpuntTypePatch } from '@doorbraak/domain';
import { CheckboxField, TextareaField, TextField } from '@/components/ui/form';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n } from '@/lib/i18n';
import { useKnelpuntTypes } from '../api/get-knelpunt-types';
import { useUpdateKnelpuntType } from '../api/update-knelpunt-type';
import { AdminForm, summaryOf } from './admin-form';
import { AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

interface FormValues {
  labelNl: string;
  labelEn: string;
  note: string;
  active: boolean;
}
const FIELDS = ['labelNl', 'labelEn', 'note', 'active'] as const;

/** Only what changed (the audit log then shows exactly that). */
function patchOf(values: FormValues, type: AdminKnelpuntType): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (values.labelNl.trim() !== type.labelNl) patch.labelNl = values.labelNl;
  if (values.labelEn.trim() !== type.labelEn) patch.labelEn = values.labelEn;
  const note = values.note.trim() || null;
  if (note !== type.note) patch.note = note;
  if (values.active !== type.active) patch.active = values.active;
  return patch;
}

function KnelpuntTypeForm({ type, editor }: { type: AdminKnelpuntType; editor: Editing }) {
  const { t, language } = useI18n();
  const prefix = `knelpunt-${type.code}`;
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, KnelpuntTypePatch>(
        knelpuntTypePatchSchema,
        (values) => patchOf(values, type),
        language,
        (path) => (path === 'root.server' ? t('admin.error.nothingChanged') : undefined),
      ),
    [type, language, t],
  );
  const {
    register,
    submitWith,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, KnelpuntTypePatch>({
    resolver,
    fields: FIELDS,
    onDone: editor.done,
    defaultValues: {
      labelNl: type.labelNl,
      labelEn: type.labelEn,
      note: type.note ?? '',
      active: type.active,
    },
  });
  const update = useUpdateKnelpuntType();
  const onSubmit = submitWith(async (input) => {
    const saved = await update.mutateAsync({ code: type.code, input });
    return language === 'en' ? saved.labelEn : saved.labelNl;
  });
  return (
    <AdminForm
      id={prefix}
      title={t('admin.knelpuntTypes.editTitle', { name: type.labelNl })}
      summary={summaryOf(errors, prefix, FIELDS)}
      submitCount={submitCount}
      isBusy={update.isPending}
      onSubmit={onSubmit}
      onCancel={editor.cancel}
    >
      <TextField
        id={`${prefix}-labelNl`}
        label={t('admin.knelpuntTypes.labelNl')}
        error={errors.labelNl?.message}
        {...register('labelNl')}
      />
      <TextField
        id={`${prefix}-labelEn`}
        label={t('admin.knelpuntTypes.labelEn')}
        lang="en"
        error={errors.labelEn?.message}
        {...register('labelEn')}
      />
      <TextareaField
        id={`${prefix}-note`}
        label={t('admin.knelpuntTypes.note')}
        optional
        error={errors.note?.message}
        {...register('note')}
      />
      <CheckboxField
        id={`${prefix}-active`}
        label={t('admin.knelpuntTypes.activeField')}
        hint={t('admin.knelpuntTypes.activeField.hint')}
        {...register('active')}
      />
    </AdminForm>
  );
}

/** The knelpunt types: a table with an edit form per row. Types are never deleted. */
export function KnelpuntTypesAdmin() {
  const { t, language, formatNumber } = useI18n();
  const query = useKnelpuntTypes();
  const editor = useEditing();
  const columns = [
    { key: 'labelNl', label: t('admin.knelpuntTypes.labelNl') },
    { key: 'labelEn', label: t('admin.knelpuntTypes.labelEn') },
    { key: 'code', label: t('admin.knelpuntTypes.code') },
    { key: 'letter', label: t('admin.knelpuntTypes.namedInLetter') },
    { key: 'cases', label: t('admin.knelpuntTypes.cases'), numeric: true },
    { key: 'status', label: t('admin.knelpuntTypes.status') },
  ];
  return (
    <AdminQuery query={query}>
      {(types) => (
        <>
          <SavedMessage editor={editor} />
          <AdminTable id="knelpunt-types" caption={t('admin.knelpuntTypes.caption')} columns={columns}>
            {types.map((type) => (
              <EditableRow
                key={type.code}
                editor={editor}
                rowKey={type.code}
                name={language === 'en' ? type.labelEn : type.labelNl}
                header={type.labelNl}
                form={<KnelpuntTypeForm type={type} editor={editor} />}
              >
                <td lang="en">{type.labelEn}</td>
                <td>
                  <code>{type.code}</code>
                </td>
                <td>{type.namedInLetter ? t('admin.yes') : t('admin.no')}</td>
                <td className="numeric">{formatNumber(type.casesCount)}</td>
                <td>{type.active ? t('admin.knelpuntTypes.active') : t('admin.knelpuntTypes.inactive')}</td>
              </EditableRow>
            ))}
          </AdminTable>
        </>
      )}
    </AdminQuery>
  );
}
