import { App as AntApp, Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { adminContract } from '../../../electron/contract';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { markServerError, parseWith } from '../ui/forms';
import { LangSwitch } from './LangSwitch';
import { refreshSession } from './AuthGate';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** No users yet: create the first coordinator, then sign in with the same credentials. */
export function FirstRun() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();

  const submit = async (v: Values) => {
    setError(null);
    const input = parseWith(adminContract['admin.setupFirstCoordinator'].input, { username: v.username, displayName: v.displayName, password: v.password }, form, t);
    if (!input) return;
    setBusy(true);
    try {
      const created = await api.call('admin.setupFirstCoordinator', input);
      if (!created.ok) {
        if (!markServerError(form, t, created.error)) setError(errorText(t, created.error));
        return;
      }
      const login = await api.call('admin.login', { username: input.username, password: v.password });
      if (!login.ok) {
        setError(errorText(t, login.error));
        return;
      }
      void message.success(t('firstRun.created'));
      await refreshSession(qc);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pla-auth">
      <Card
        title={t('firstRun.title')}
        extra={<LangSwitch />}
        data-testid="first-run"
      >
        <Typography.Paragraph className="pla-muted">{t('firstRun.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="first-run-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoFocus autoComplete="username" data-testid="first-run-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoComplete="name" data-testid="first-run-display-name" />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')} rules={[{ required: true, message: t('validation.required') }, { min: 10, message: t('users.passwordHelp') }]}>
            <Input.Password autoComplete="new-password" data-testid="first-run-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('users.passwordConfirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="first-run-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="first-run-submit">
            {t('firstRun.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
