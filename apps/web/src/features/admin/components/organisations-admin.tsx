import { Fragment, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  MUNICIPALITIES,
  organisationInputSchema,
  PARTY_TYPES,
  PROVINCES,
  type Organisation,
  type OrganisationInput,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { Loading } from '@/components/ui/loading';
import { domainResolver } from '@/lib/domain-resolver';
import { applyServerFieldErrors, describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useAllOrganisations } from '../api/get-organisations';
import { useSaveOrganisation } from '../api/save-organisation';
import { AdminForm, summaryOf } from './admin-form';
import { AdminTable, EditButton } from './admin-table';
import { useEditing } from './use-editing';

interface FormValues {
  name: string;
  shortName: string;
  type: string;
  municipalityCode: string;
  provinceCodes: string[];
  note: string;
}
const FIELDS = ['name', 'shortName', 'type', 'municipalityCode', 'provinceCodes', 'note'] as const;

const municipalityNames = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));
const provinceNames = new Map(PROVINCES.map((p) => [p.code, p.name]));
const sortedMunicipalities = [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, 'nl'));

function toInput(values: FormValues): OrganisationInput {
  return {
    name: values.name,
    shortName: values.shortName.trim() || null,
    type: values.type,
    municipalityCode: values.municipalityCode || null,
    provinceCodes: values.provinceCodes,
    note: values.note.trim() || null,
  };
}

function OrganisationForm({
  organisation,
  onDone,
  onCancel,
}: {
  organisation?: Organisation;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const prefix = organisation ? `organisation-${organisation.id}` : 'organisation-new';
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, OrganisationInput>(organisationInputSchema, toInput, language, (path) =>
        path === 'type' ? t('admin.organisations.error.type') : undefined,
      ),
    [language, t],
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, submitCount },
  } = useForm<FormValues, unknown, OrganisationInput>({
    resolver,
    shouldFocusError: false,
    defaultValues: {
      name: organisation?.name ?? '',
      shortName: organisation?.shortName ?? '',
      type: organisation?.type ?? '',
      municipalityCode: organisation?.municipalityCode ?? '',
      provinceCodes: organisation?.provinceCodes ?? [],
      note: organisation?.note ?? '',
    },
  });
  const save = useSaveOrganisation();
  const onSubmit = handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync({ id: organisation?.id, input });
      onDone(t('admin.saved', { name: saved.name }));
    } catch (error) {
      if (!applyServerFieldErrors(error, FIELDS, setError))
        setError('root.server', { type: 'request', message: describeRequestError(error, t) });
    }
  });
  return (
    <AdminForm
      id={prefix}
      title={
        organisation
          ? t('admin.organisations.editTitle', { name: organisation.name })
          : t('admin.organisations.addTitle')
      }
      summary={summaryOf(errors, prefix, FIELDS)}
      submitCount={submitCount}
      isBusy={save.isPending}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <TextField
        id={`${prefix}-name`}
        label={t('admin.organisations.name')}
        autoComplete="organization"
        error={errors.name?.message}
        {...register('name')}
      />
      <TextField
        id={`${prefix}-shortName`}
        label={t('admin.organisations.shortName')}
        optional
        error={errors.shortName?.message}
        {...register('shortName')}
      />
      <SelectField
        id={`${prefix}-type`}
        label={t('admin.organisations.type')}
        placeholder={t('admin.choose')}
        options={PARTY_TYPES.map((p) => ({ value: p.code, label: p[language] }))}
        error={errors.type?.message}
        {...register('type')}
      />
      <SelectField
        id={`${prefix}-municipalityCode`}
        label={t('admin.organisations.municipality')}
        hint={t('admin.organisations.municipality.hint')}
        optional
        placeholder={t('admin.organisations.municipality.none')}
        options={sortedMunicipalities.map((m) => ({ value: m.code, label: m.name }))}
        error={errors.municipalityCode?.message}
        {...register('municipalityCode')}
      />
      <CheckboxGroup
        id={`${prefix}-provinceCodes`}
        label={t('admin.organisations.provinces')}
        hint={t('admin.organisations.provinces.hint')}
        optional
        options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
        error={errors.provinceCodes?.message}
        inputProps={register('provinceCodes')}
      />
      <TextareaField
        id={`${prefix}-note`}
        label={t('admin.organisations.note')}
        optional
        error={errors.note?.message}
        {...register('note')}
      />
    </AdminForm>
  );
}

/** All organisations, filtered in the browser by name and kind; add and edit. */
export function OrganisationsAdmin() {
  const { t, language, formatNumber } = useI18n();
  const query = useAllOrganisations();
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  const { editing, saved, open, cancel, done } = useEditing();
  const typeLabels = useMemo(() => new Map(PARTY_TYPES.map((p) => [p.code, p[language]])), [language]);

  const all = query.data ?? [];
  const needle = q.trim().toLocaleLowerCase('nl');
  const shown = all.filter(
    (o) =>
      (!type || o.type === type) &&
      (!needle ||
        o.name.toLocaleLowerCase('nl').includes(needle) ||
        (o.shortName ?? '').toLocaleLowerCase('nl').includes(needle)),
  );
  const columns = [
    { key: 'name', label: t('admin.organisations.name') },
    { key: 'shortName', label: t('admin.organisations.shortName') },
    { key: 'type', label: t('admin.organisations.type') },
    {
      key: 'where',
      label: `${t('admin.organisations.municipality')} / ${t('admin.organisations.provinces')}`,
    },
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
          {t('admin.organisations.add')}
        </Button>
      </p>
      {editing === 'new' ? <OrganisationForm onDone={done} onCancel={cancel} /> : null}
      <div className="admin-filters" role="search">
        <TextField
          id="organisations-q"
          label={t('admin.organisations.search')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <SelectField
          id="organisations-type"
          label={t('admin.organisations.filterType')}
          value={type}
          placeholder={t('admin.organisations.allTypes')}
          options={PARTY_TYPES.map((p) => ({ value: p.code, label: p[language] }))}
          onChange={(event) => setType(event.target.value)}
        />
      </div>
      {query.isPending ? (
        <Loading label={t('admin.loading')} />
      ) : query.isError ? (
        <Alert>{describeRequestError(query.error, t)}</Alert>
      ) : (
        <>
          <p role="status" className="admin-count">
            {t('admin.count', { shown: formatNumber(shown.length), total: formatNumber(all.length) })}
          </p>
          <AdminTable id="organisations" caption={t('admin.organisations.caption')} columns={columns}>
            {shown.map((organisation) => (
              <Fragment key={organisation.id}>
                <tr>
                  <th scope="row" className="table__row-header">
                    {organisation.name}
                  </th>
                  <td>{organisation.shortName ?? t('admin.none')}</td>
                  <td>{typeLabels.get(organisation.type) ?? organisation.type}</td>
                  <td>
                    {[
                      organisation.municipalityCode
                        ? (municipalityNames.get(organisation.municipalityCode) ??
                          organisation.municipalityCode)
                        : null,
                      ...organisation.provinceCodes.map((code) => provinceNames.get(code) ?? code),
                    ]
                      .filter(Boolean)
                      .join(', ') || t('admin.none')}
                  </td>
                  <td>
                    <EditButton
                      name={organisation.name}
                      label={t('admin.edit')}
                      expanded={editing === organisation.id}
                      onClick={() => open(organisation.id)}
                    />
                  </td>
                </tr>
                {editing === organisation.id ? (
                  <tr>
                    <td colSpan={columns.length}>
                      <OrganisationForm organisation={organisation} onDone={done} onCancel={cancel} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </AdminTable>
        </>
      )}
    </>
  );
}
