import { App as AntApp, Button, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { adminContract, ROLES, type Role, type User } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { formatDateTime } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useFormErrors } from '../../api/mutations';
import { USERS_KEY, useSaveUser } from './mutations';

type Mode = { kind: 'new' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

export function UsersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user: me } = useAuth();
  const q = useQuery({ queryKey: USERS_KEY, queryFn: () => api.get('admin.listUsers', {}) });
  const [mode, setMode] = useState<Mode | null>(null);
  return (
    <>
      <PageTitle
        title={t('users.title')}
        sub={t('users.sub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setMode({ kind: 'new' })} data-testid="user-new">
            {t('users.new')}
          </Button>
        }
      />
      <Loadable query={q}>
        {(rows) => (
          <Table<User>
            rowKey="id"
            dataSource={[...rows].sort((a, b) => a.displayName.localeCompare(b.displayName, lang))}
            pagination={false}
            virtual={rows.length > VIRTUAL_FROM}
            scroll={rows.length > VIRTUAL_FROM ? { x: 900, y: 600 } : undefined}
            data-testid="users-table"
            columns={[
              {
                title: t('users.displayName'),
                dataIndex: 'displayName',
                render: (v: string, u) =>
                  u.id === me.id ? (
                    <span>
                      {v} <Tag>{t('users.you')}</Tag>
                    </span>
                  ) : (
                    v
                  ),
              },
              { title: t('users.username'), dataIndex: 'username', width: 180 },
              { title: t('users.role'), dataIndex: 'role', width: 160, render: (r: Role) => t(`roles.${r}`) },
              {
                title: t('users.active'),
                dataIndex: 'active',
                width: 100,
                render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
              },
              { title: t('users.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v, lang) },
              {
                title: '',
                width: 120,
                render: (_, u) => (
                  <>
                    <Button
                      type="text"
                      icon={<EditOutlined />}
                      aria-label={t('common.edit')}
                      title={t('common.edit')}
                      onClick={() => setMode({ kind: 'edit', user: u })}
                    />
                    <Button
                      type="text"
                      icon={<KeyOutlined />}
                      aria-label={t('users.resetPassword')}
                      title={t('users.resetPassword')}
                      onClick={() => setMode({ kind: 'password', user: u })}
                    />
                  </>
                ),
              },
            ]}
          />
        )}
      </Loadable>
      {mode && <UserForm mode={mode} onClose={() => setMode(null)} />}
    </>
  );
}

interface Values {
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  password?: string;
  confirm?: string;
}
const FIELDS = ['username', 'displayName', 'role', 'active', 'password'];

function UserForm({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const u = mode.kind === 'new' ? null : mode.user;
  const conflict = useSaveConflict({
    form,
    record: u,
    fields: FIELDS,
    labels: 'users',
    enums: { role: 'roles' },
    load: () => api.get('admin.listUsers', {}).then(byId(u!.id)),
    onTakeTheirs: onClose,
  });
  const save = useSaveUser(useFormErrors(form, FIELDS, { conflict, onConflict: onClose }));
  const showProfile = mode.kind !== 'password';
  const showPassword = mode.kind !== 'edit';

  const submit = async (v: Values) => {
    const raw = {
      ...(u ? { id: u.id, expectedUpdatedAt: conflict.base() } : {}),
      username: u && !showProfile ? u.username : v.username,
      displayName: u && !showProfile ? u.displayName : v.displayName,
      role: u && !showProfile ? u.role : v.role,
      active: u && !showProfile ? u.active : v.active,
      ...(showPassword && v.password ? { password: v.password } : {}),
    };
    const input = parseWith(adminContract['admin.saveUser'].input, raw, form, t, FIELDS);
    if (!input) return;
    if (!(await save.run(input))) return;
    void message.success(mode.kind === 'password' ? t('users.passwordReset') : t('common.saved'));
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={
        mode.kind === 'new'
          ? t('users.new')
          : mode.kind === 'edit'
            ? t('users.edit', { name: u?.displayName })
            : t('users.resetPasswordFor', { name: u?.displayName })
      }
      form={form}
      initialValues={u ? { username: u.username, displayName: u.displayName, role: u.role, active: u.active } : { role: 'member', active: true }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="user-form"
    >
      {conflict.view}
      {showProfile && (
        <>
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHelp')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input autoFocus autoComplete="off" data-testid="user-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} extra={t('users.roleHelp')}>
            <Select options={enumOptions(t, ROLES, 'roles')} data-testid="user-role" />
          </Form.Item>
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
      {showPassword && (
        <>
          <Form.Item
            name="password"
            label={mode.kind === 'password' ? t('users.newPassword') : t('users.password')}
            extra={t('users.passwordHelp')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 10, message: t('users.passwordHelp') },
            ]}
          >
            <Input.Password autoFocus={mode.kind === 'password'} autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('users.passwordConfirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
