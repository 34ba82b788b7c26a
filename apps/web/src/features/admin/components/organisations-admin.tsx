import { useMemo, useState } from 'react';
import {
  MUNICIPALITIES,
  organisationInputSchema,
  PARTY_TYPES,
  PROVINCES,
  type Organisation,
  type OrganisationInput,
} from '@doorbraak/domain';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui/form';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n } from '@/lib/i18n';
import { useAllOrganisations } from '../api/get-organisations';
import { useSaveOrganisation } from '../api/save-organisation';
import { AdminForm, summaryOf } from './admin-form';
import { AddNew, AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

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

function OrganisationForm({ organisation, editor }: { organisation?: Organisation; editor: Editing }) {
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
    submitWith,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, OrganisationInput>({
    resolver,
    fields: FIELDS,
    onDone: editor.done,
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
  const onSubmit = submitWith(
    async (input) => (await save.mutateAsync({ id: organisation?.id, input })).name,
  );
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
      onCancel={editor.cancel}
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
  const editor = useEditing();
  const typeLabels = useMemo(() => new Map(PARTY_TYPES.map((p) => [p.code, p[language]])), [language]);
  const needle = q.trim().toLocaleLowerCase('nl');
  const matches = (o: Organisation) =>
    (!type || o.type === type) &&
    (!needle ||
      o.name.toLocaleLowerCase('nl').includes(needle) ||
      (o.shortName ?? '').toLocaleLowerCase('nl').includes(needle));
  const columns = [
    { key: 'name', label: t('admin.organisations.name') },
    { key: 'shortName', label: t('admin.organisations.shortName') },
    { key: 'type', label: t('admin.organisations.type') },
    {
      key: 'where',
      label: `${t('admin.organisations.municipality')} / ${t('admin.organisations.provinces')}`,
    },
  ];
  return (
    <>
      <SavedMessage editor={editor} />
      <AddNew
        editor={editor}
        label={t('admin.organisations.add')}
        form={<OrganisationForm editor={editor} />}
      />
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
      <AdminQuery query={query}>
        {(all) => {
          const shown = all.filter(matches);
          return (
            <>
              <p role="status" className="admin-count">
                {t('admin.count', { shown: formatNumber(shown.length), total: formatNumber(all.length) })}
              </p>
              <AdminTable id="organisations" caption={t('admin.organisations.caption')} columns={columns}>
                {shown.map((organisation) => (
                  <EditableRow
                    key={organisation.id}
                    editor={editor}
                    rowKey={organisation.id}
                    name={organisation.name}
                    form={<OrganisationForm organisation={organisation} editor={editor} />}
                  >
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
                  </EditableRow>
                ))}
              </AdminTable>
            </>
          );
        }}
      </AdminQuery>
    </>
  );
}
