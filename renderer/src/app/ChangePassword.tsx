import { App as AntApp, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminContract } from '../../../electron/contract';
import { useChangePassword } from '../features/admin/mutations';
import { useFormErrors } from '../api/mutations';
import { FormModal } from '../ui/FormModal';
import { parseWith } from '../ui/forms';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Any signed-in user changes their own password (the coordinator resets others' in Utilizatori). */
export function ChangePassword({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const fields = ['currentPassword', 'newPassword'];
  const change = useChangePassword(useFormErrors(form, fields));

  const submit = async (v: Values) => {
    const input = parseWith(adminContract['admin.changePassword'].input, { currentPassword: v.currentPassword, newPassword: v.newPassword }, form, t, fields);
    if (!input) return;
    if (!(await change.run(input))) return;
    void message.success(t('users.passwordReset'));
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={t('users.changeOwnPassword')}
      form={form}
      onCancel={onClose}
      onSubmit={submit}
      busy={change.isPending}
      testId="password-form"
    >
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
