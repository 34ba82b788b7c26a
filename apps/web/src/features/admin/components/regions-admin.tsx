import { useMemo } from 'react';
import { Controller } from 'react-hook-form';
import { regionInputSchema, type Region, type RegionInput } from '@doorbraak/domain';
import { CheckboxField, TextField } from '@/components/ui/form';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n } from '@/lib/i18n';
import { useMunicipalities, type MunicipalityOption } from '../api/get-municipalities';
import { useRegions } from '../api/get-regions';
import { useSaveRegion } from '../api/save-region';
import { AdminForm, summaryOf } from './admin-form';
import { AddNew, AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { MunicipalityMultiSelect } from './municipality-multi-select';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

interface FormValues {
  name: string;
  membersToConfirm: boolean;
  municipalityCodes: string[];
}
const FIELDS = ['name', 'membersToConfirm', 'municipalityCodes'] as const;

/** The list's own error, or the first error of one of its items (an unknown code). */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const own = (error as { message?: unknown }).message;
  if (typeof own === 'string') return own;
  const items: unknown[] = Array.isArray(error) ? error : Object.values(error);
  for (const item of items) {
    const message = firstMessage(item);
    if (message) return message;
  }
  return undefined;
}

function RegionForm({
  region,
  municipalities,
  editor,
}: {
  region?: Region;
  municipalities: readonly MunicipalityOption[];
  editor: Editing;
}) {
  const { t, language } = useI18n();
  const prefix = region ? `region-${region.id}` : 'region-new';
  const resolver = useMemo(
    () => domainResolver<FormValues, RegionInput>(regionInputSchema, (values) => ({ ...values }), language),
    [language],
  );
  const {
    register,
    control,
    submitWith,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, RegionInput>({
    resolver,
    fields: FIELDS,
    onDone: editor.done,
    defaultValues: {
      name: region?.name ?? '',
      membersToConfirm: region?.membersToConfirm ?? false,
      municipalityCodes: region?.municipalityCodes ?? [],
    },
  });
  const save = useSaveRegion();
  const onSubmit = submitWith(async (input) => (await save.mutateAsync({ id: region?.id, input })).name);
  const codesError = firstMessage(errors.municipalityCodes);
  return (
    <AdminForm
      id={prefix}
      title={region ? t('admin.regions.editTitle', { name: region.name }) : t('admin.regions.addTitle')}
      summary={[
        ...summaryOf(errors, prefix, ['name', 'membersToConfirm'] as const),
        ...(codesError ? [{ fieldId: `${prefix}-municipalityCodes`, message: codesError }] : []),
      ]}
      submitCount={submitCount}
      isBusy={save.isPending}
      onSubmit={onSubmit}
      onCancel={editor.cancel}
    >
      <TextField
        id={`${prefix}-name`}
        label={t('admin.regions.name')}
        error={errors.name?.message}
        {...register('name')}
      />
      <CheckboxField
        id={`${prefix}-membersToConfirm`}
        label={t('admin.regions.toConfirmField')}
        {...register('membersToConfirm')}
      />
      <Controller
        control={control}
        name="municipalityCodes"
        render={({ field }) => (
          <MunicipalityMultiSelect
            id={`${prefix}-municipalityCodes`}
            label={t('admin.regions.municipalities')}
            municipalities={municipalities}
            value={field.value}
            onChange={field.onChange}
            error={codesError}
          />
        )}
      />
    </AdminForm>
  );
}

/** Woondeal regions with their member municipalities. */
export function RegionsAdmin() {
  const { t, formatNumber } = useI18n();
  const query = useRegions();
  const municipalitiesQuery = useMunicipalities();
  const municipalities = useMemo(() => municipalitiesQuery.data ?? [], [municipalitiesQuery.data]);
  const names = useMemo(() => new Map(municipalities.map((m) => [m.code, m.name])), [municipalities]);
  const editor = useEditing();
  const columns = [
    { key: 'name', label: t('admin.regions.name') },
    { key: 'members', label: t('admin.regions.members') },
    { key: 'toConfirm', label: t('admin.regions.toConfirm') },
  ];
  return (
    <AdminQuery query={query}>
      {(regions) => (
        <>
          <SavedMessage editor={editor} />
          <AddNew
            editor={editor}
            label={t('admin.regions.add')}
            form={<RegionForm municipalities={municipalities} editor={editor} />}
          />
          <AdminTable id="regions" caption={t('admin.regions.caption')} columns={columns}>
            {regions.map((region) => {
              const count = region.municipalityCodes.length;
              return (
                <EditableRow
                  key={region.id}
                  editor={editor}
                  rowKey={region.id}
                  name={region.name}
                  form={<RegionForm region={region} municipalities={municipalities} editor={editor} />}
                >
                  <td>
                    <strong>
                      {count === 1
                        ? t('admin.regions.memberCount.one')
                        : t('admin.regions.memberCount', { count: formatNumber(count) })}
                    </strong>
                    {count > 0 ? ': ' : null}
                    {region.municipalityCodes
                      .map((code) => names.get(code) ?? code)
                      .sort((a, b) => a.localeCompare(b, 'nl'))
                      .join(', ')}
                  </td>
                  <td>{region.membersToConfirm ? t('admin.yes') : t('admin.no')}</td>
                </EditableRow>
              );
            })}
          </AdminTable>
        </>
      )}
    </AdminQuery>
  );
}
