import { Fragment, useMemo } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { regionInputSchema, type Region, type RegionInput } from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useMunicipalities, type MunicipalityOption } from '../api/get-municipalities';
import { useRegions } from '../api/get-regions';
import { useSaveRegion } from '../api/save-region';
import { AdminForm, CheckboxField, summaryOf } from './admin-form';
import { AdminTable, EditButton } from './admin-table';
import { MunicipalityMultiSelect } from './municipality-multi-select';
import { useEditing } from './use-editing';

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
  onDone,
  onCancel,
}: {
  region?: Region;
  municipalities: readonly MunicipalityOption[];
  onDone: (message: string) => void;
  onCancel: () => void;
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
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<FormValues, unknown, RegionInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      name: region?.name ?? '',
      membersToConfirm: region?.membersToConfirm ?? false,
      municipalityCodes: region?.municipalityCodes ?? [],
    },
  });
  const save = useSaveRegion();
  const onSubmit = handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync({ id: region?.id, input });
      onDone(t('admin.saved', { name: saved.name }));
    } catch (error) {
      if (!applyServerFieldErrors(error, FIELDS, setError))
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
    }
  });
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
      onCancel={onCancel}
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
  const { editing, saved, open, cancel, done } = useEditing();
  if (query.isPending) return <Loading label={t('admin.loading')} />;
  if (query.isError) return <Alert>{describeRequestError(query.error, t)}</Alert>;
  const columns = [
    { key: 'name', label: t('admin.regions.name') },
    { key: 'members', label: t('admin.regions.members') },
    { key: 'toConfirm', label: t('admin.regions.toConfirm') },
    { key: 'actions', label: t('admin.actions') },
  ];
  return (
    <>
      {saved ? (
        <Alert type="info" focus>
          {saved}
        </Alert>
      ) : null}
      <p>
        <Button variant="secondary" aria-expanded={editing === 'new'} onClick={() => open('new')}>
          {t('admin.regions.add')}
        </Button>
      </p>
      {editing === 'new' ? (
        <RegionForm municipalities={municipalities} onDone={done} onCancel={cancel} />
      ) : null}
      <AdminTable id="regions" caption={t('admin.regions.caption')} columns={columns}>
        {query.data.map((region) => {
          const count = region.municipalityCodes.length;
          return (
            <Fragment key={region.id}>
              <tr>
                <th scope="row" className="table__row-header">
                  {region.name}
                </th>
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
                <td>
                  <EditButton
                    name={region.name}
                    label={t('admin.edit')}
                    expanded={editing === region.id}
                    onClick={() => open(region.id)}
                  />
                </td>
              </tr>
              {editing === region.id ? (
                <tr>
                  <td colSpan={columns.length}>
                    <RegionForm
                      region={region}
                      municipalities={municipalities}
                      onDone={done}
                      onCancel={cancel}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </AdminTable>
    </>
  );
}
