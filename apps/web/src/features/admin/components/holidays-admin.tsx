import { useMemo, useState } from 'react';
import { type z } from 'zod';
import { holidayDateSchema, holidayInputSchema, type Holiday } from '@doorbraak/domain';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form';
import { domainResolver } from '@/lib/domain-resolver';
import { todayInAmsterdam, useI18n } from '@/lib/i18n';
import { useHolidays } from '../api/get-holidays';
import { usePutHoliday } from '../api/put-holiday';
import { AdminForm, summaryOf } from './admin-form';
import { AddNew, AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

interface FormValues {
  date: string;
  name: string;
  active: boolean;
}
const FIELDS = ['date', 'name', 'active'] as const;

/** The date (it goes in the URL of the PUT) and the body, checked with the domain's schemas. */
const holidayFormSchema = holidayInputSchema.extend({ date: holidayDateSchema });
type HolidayForm = z.infer<typeof holidayFormSchema>;

function HolidayFormView({ holiday, editor }: { holiday?: Holiday; editor: Editing }) {
  const { t, language, formatDay } = useI18n();
  const prefix = holiday ? `holiday-${holiday.date}` : 'holiday-new';
  const resolver = useMemo(
    () =>
      domainResolver<FormValues, HolidayForm>(
        holidayFormSchema,
        (values) => ({ date: values.date.trim(), name: values.name, active: values.active }),
        language,
      ),
    [language],
  );
  const {
    register,
    submitWith,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, HolidayForm>({
    resolver,
    fields: FIELDS,
    onDone: editor.done,
    defaultValues: { date: holiday?.date ?? '', name: holiday?.name ?? '', active: holiday?.active ?? true },
  });
  const put = usePutHoliday();
  const onSubmit = submitWith(async ({ date, ...input }) => {
    const saved = await put.mutateAsync({ date, input });
    return `${saved.name} (${formatDay(saved.date)})`;
  });
  return (
    <AdminForm
      id={prefix}
      title={
        holiday
          ? t('admin.holidays.editTitle', { name: `${holiday.name} (${formatDay(holiday.date)})` })
          : t('admin.holidays.addTitle')
      }
      summary={summaryOf(errors, prefix, holiday ? (['name', 'active'] as const) : FIELDS)}
      submitCount={submitCount}
      isBusy={put.isPending}
      onSubmit={onSubmit}
      onCancel={editor.cancel}
    >
      {holiday ? null : (
        <TextField
          id={`${prefix}-date`}
          label={t('admin.holidays.date')}
          hint={t('admin.holidays.date.hint')}
          type="date"
          error={errors.date?.message}
          {...register('date')}
        />
      )}
      <TextField
        id={`${prefix}-name`}
        label={t('admin.holidays.name')}
        error={errors.name?.message}
        {...register('name')}
      />
      <CheckboxField
        id={`${prefix}-active`}
        label={t('admin.holidays.activeField')}
        hint={t('admin.holidays.activeField.hint')}
        {...register('active')}
      />
    </AdminForm>
  );
}

/** The holidays of one year; add a day off or let a holiday count as a working day. */
export function HolidaysAdmin() {
  const { t, formatDay } = useI18n();
  const thisYear = Number(todayInAmsterdam().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useHolidays(year);
  const editor = useEditing();
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2, thisYear + 3];
  const columns = [
    { key: 'date', label: t('admin.holidays.date') },
    { key: 'name', label: t('admin.holidays.name') },
    { key: 'source', label: t('admin.holidays.source') },
    { key: 'active', label: t('admin.holidays.dayOff') },
  ];
  return (
    <>
      <SavedMessage editor={editor} />
      <div className="admin-filters">
        <SelectField
          id="holidays-year"
          label={t('admin.holidays.year')}
          value={String(year)}
          onChange={(event) => setYear(Number(event.target.value))}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <AddNew editor={editor} label={t('admin.holidays.add')} form={<HolidayFormView editor={editor} />} />
      <AdminQuery query={query}>
        {(holidays) =>
          holidays.length === 0 ? (
            <p>{t('admin.holidays.none')}</p>
          ) : (
            <AdminTable id="holidays" caption={t('admin.holidays.caption', { year })} columns={columns}>
              {holidays.map((holiday) => (
                <EditableRow
                  key={holiday.date}
                  editor={editor}
                  rowKey={holiday.date}
                  name={`${holiday.name} ${formatDay(holiday.date)}`}
                  header={<time dateTime={holiday.date}>{formatDay(holiday.date)}</time>}
                  nowrap
                  form={<HolidayFormView holiday={holiday} editor={editor} />}
                >
                  <td>{holiday.name}</td>
                  <td>{t(`admin.holidays.source.${holiday.source}`)}</td>
                  <td>{holiday.active ? t('admin.yes') : t('admin.no')}</td>
                </EditableRow>
              ))}
            </AdminTable>
          )
        }
      </AdminQuery>
    </>
  );
}
