import { useMemo, useState } from 'react';
import { Controller } from 'react-hook-form';
import {
  adminUserCreateSchema,
  adminUserPatchSchema,
  ROLE_LABELS,
  ROLES,
  type AdminUser,
  type AdminUserCreateInput,
  type AdminUserPatchInput,
  type Role,
} from '@doorbraak/domain';
import { CheckboxField, RadioGroup, SelectField, TextField } from '@/components/ui/form';
import { domainResolver } from '@/lib/domain-resolver';
import { useI18n } from '@/lib/i18n';
import type { RenderOrganisationField } from '@/lib/organisation-field';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useCreateUser } from '../api/create-user';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';
import { AdminForm, summaryOf } from './admin-form';
import { AddNew, AdminQuery, SavedMessage } from './admin-list';
import { AdminTable, EditableRow } from './admin-table';
import { useAdminForm } from './use-admin-form';
import { useEditing, type Editing } from './use-editing';

interface FormValues {
  email: string;
  name: string;
  role: Role | '';
  organisationId: string;
  password: string;
  language: 'nl' | 'en';
  active: boolean;
}
const CREATE_FIELDS = ['email', 'name', 'role', 'organisationId', 'password', 'language'] as const;
const EDIT_FIELDS = ['name', 'role', 'organisationId', 'active', 'password', 'language'] as const;

function patchOf(values: FormValues, user: AdminUser): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (values.name.trim() !== user.name) patch.name = values.name;
  if (values.role !== user.role) patch.role = values.role;
  if (values.organisationId !== user.organisationId) patch.organisationId = values.organisationId;
  if (values.active !== user.active) patch.active = values.active;
  if (values.language !== user.language) patch.language = values.language;
  if (values.password) patch.password = values.password;
  return patch;
}

function UserForm({
  user,
  renderOrganisationField,
  editor,
}: {
  user?: AdminUser;
  renderOrganisationField: RenderOrganisationField;
  editor: Editing;
}) {
  const { t, language } = useI18n();
  const prefix = user ? `user-${user.id}` : 'user-new';
  const describe = (path: string) =>
    path === 'root.server'
      ? t('admin.error.nothingChanged')
      : path === 'organisationId'
        ? t('admin.users.error.organisation')
        : path === 'role'
          ? t('admin.users.error.role')
          : undefined;
  const resolver = useMemo(
    () =>
      user
        ? domainResolver<FormValues, AdminUserPatchInput | AdminUserCreateInput>(
            adminUserPatchSchema,
            (values) => patchOf(values, user),
            language,
            describe,
          )
        : domainResolver<FormValues, AdminUserPatchInput | AdminUserCreateInput>(
            adminUserCreateSchema,
            (values) => ({
              email: values.email.trim(),
              name: values.name,
              role: values.role || undefined,
              organisationId: values.organisationId || undefined,
              password: values.password || undefined,
              language: values.language,
            }),
            language,
            describe,
          ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `describe` only reads `t`
    [user, language, t],
  );
  const fields = user ? EDIT_FIELDS : CREATE_FIELDS;
  const {
    register,
    control,
    submitWith,
    formState: { errors, submitCount },
  } = useAdminForm<FormValues, AdminUserPatchInput | AdminUserCreateInput>({
    resolver,
    fields,
    onDone: editor.done,
    defaultValues: {
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: user?.role ?? '',
      organisationId: user?.organisationId ?? '',
      password: '',
      language: user?.language ?? 'nl',
      active: user?.active ?? true,
    },
  });
  const create = useCreateUser();
  const update = useUpdateUser();
  const onSubmit = submitWith(async (input) => {
    const saved = user
      ? await update.mutateAsync({ id: user.id, input: input })
      : await create.mutateAsync(input as AdminUserCreateInput);
    return saved.name;
  });

  return (
    <AdminForm
      id={prefix}
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.addTitle')}
      summary={summaryOf(errors, prefix, fields)}
      submitCount={submitCount}
      isBusy={create.isPending || update.isPending}
      onSubmit={onSubmit}
      onCancel={editor.cancel}
    >
      {user ? null : (
        <TextField
          id={`${prefix}-email`}
          label={t('admin.users.email')}
          type="email"
          autoComplete="off"
          error={errors.email?.message}
          {...register('email')}
        />
      )}
      <TextField
        id={`${prefix}-name`}
        label={t('admin.users.name')}
        autoComplete="off"
        error={errors.name?.message}
        {...register('name')}
      />
      <SelectField
        id={`${prefix}-role`}
        label={t('admin.users.role')}
        hint={user ? t('admin.users.role.hint') : undefined}
        placeholder={user ? undefined : t('admin.choose')}
        options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][language] }))}
        error={errors.role?.message}
        {...register('role')}
      />
      <Controller
        control={control}
        name="organisationId"
        render={({ field }) => (
          <>
            {renderOrganisationField({
              id: `${prefix}-organisationId`,
              label: t('admin.users.organisation'),
              value: field.value,
              onChange: field.onChange,
              onBlur: field.onBlur,
              ...(errors.organisationId?.message ? { error: errors.organisationId.message } : {}),
            })}
          </>
        )}
      />
      {user ? (
        <CheckboxField
          id={`${prefix}-active`}
          label={t('admin.users.activeField')}
          hint={t('admin.users.activeField.hint')}
          error={errors.active?.message}
          {...register('active')}
        />
      ) : null}
      <TextField
        id={`${prefix}-password`}
        label={user ? t('admin.users.newPassword') : t('admin.users.password')}
        hint={user ? t('admin.users.newPassword.hint') : t('admin.users.password.hint')}
        type="password"
        autoComplete="new-password"
        optional
        error={errors.password?.message}
        {...register('password')}
      />
      <RadioGroup
        id={`${prefix}-language`}
        label={t('admin.users.language')}
        options={[
          { value: 'nl', label: t('admin.users.language.nl') },
          { value: 'en', label: t('admin.users.language.en') },
        ]}
        inputProps={register('language')}
      />
    </AdminForm>
  );
}

/** Users: search, add, change role/organisation, block. */
export function UsersAdmin({
  renderOrganisationField,
}: {
  renderOrganisationField: RenderOrganisationField;
}) {
  const { t, language, formatDateTime } = useI18n();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim(), 250);
  const query = useUsers(search);
  const editor = useEditing();
  const columns = [
    { key: 'name', label: t('admin.users.name') },
    { key: 'email', label: t('admin.users.email') },
    { key: 'role', label: t('admin.users.role') },
    { key: 'organisation', label: t('admin.users.organisation') },
    { key: 'status', label: t('admin.users.status') },
    { key: 'lastLogin', label: t('admin.users.lastLogin') },
  ];
  return (
    <>
      <SavedMessage editor={editor} />
      <AddNew
        editor={editor}
        label={t('admin.users.add')}
        form={<UserForm renderOrganisationField={renderOrganisationField} editor={editor} />}
      />
      <div className="admin-filters" role="search">
        <TextField
          id="users-q"
          label={t('admin.users.search')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
      </div>
      <AdminQuery query={query}>
        {(users) => (
          <AdminTable id="users" caption={t('admin.users.caption')} columns={columns}>
            {users.map((user) => (
              <EditableRow
                key={user.id}
                editor={editor}
                rowKey={user.id}
                name={user.name}
                form={
                  <UserForm user={user} renderOrganisationField={renderOrganisationField} editor={editor} />
                }
              >
                <td>{user.email}</td>
                <td>{ROLE_LABELS[user.role][language]}</td>
                <td>{user.organisationName}</td>
                <td>{user.active ? t('admin.users.active') : t('admin.users.blocked')}</td>
                <td className="nowrap">
                  {user.lastLoginAt ? (
                    <time dateTime={user.lastLoginAt}>{formatDateTime(user.lastLoginAt)}</time>
                  ) : (
                    t('admin.users.neverLoggedIn')
                  )}
                </td>
              </EditableRow>
            ))}
          </AdminTable>
        )}
      </AdminQuery>
    </>
  );
}
