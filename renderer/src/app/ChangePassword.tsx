import { App as AntApp, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminContract } from '../../../electron/contract';
import { api } from '../api/client';
import { FormModal } from '../ui/FormModal';
import { parseWith } from '../ui/forms';
import { useErrorHandler } from '../ui/hooks';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Any signed-in user changes their own password (the coordinator resets others' in Utilizatori). */
export function ChangePassword({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();
  const fields = ['currentPassword', 'newPassword'];

  const submit = async (v: Values) => {
    const input = parseWith(adminContract['admin.changePassword'].input, { currentPassword: v.currentPassword, newPassword: v.newPassword }, form, t, fields);
    if (!input) return;
    setBusy(true);
    try {
      await api.get('admin.changePassword', input);
      void message.success(t('users.passwordReset'));
      onClose();
    } catch (e) {
      onError(e, { form, fields });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal<Values> open title={t('users.changeOwnPassword')} form={form} onCancel={onClose} onSubmit={submit} busy={busy} testId="password-form">
      <Form.Item name="currentPassword" label={t('users.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoFocus autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('users.newPassword')}
        extra={t('users.passwordHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          { min: 10, message: t('users.passwordHelp') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.passwordConfirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
