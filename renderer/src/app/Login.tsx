import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { LangSwitch } from './LangSwitch';
import { refreshSession } from './AuthGate';

interface Values {
  username: string;
  password: string;
}

export function Login() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const r = await api.call('admin.login', { username: v.username.trim(), password: v.password });
      if (!r.ok) {
        // Wrong user name or password both come back UNAUTHENTICATED: say so plainly, keep the user name.
        // A lock after repeated failures says for how long.
        const retry = r.error.details?.reason === 'locked' ? Number(r.error.details.retryAfterSeconds) : NaN;
        if (Number.isFinite(retry)) setError(t('login.locked', { minutes: Math.max(1, Math.ceil(retry / 60)) }));
        else setError(r.error.code === 'UNAUTHENTICATED' || r.error.code === 'VALIDATION' ? t('login.wrong') : errorText(t, r.error));
        form.setFieldValue('password', '');
        return;
      }
      await refreshSession(qc);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pla-auth">
      <Card
        title={
          <span>
            PLA Desk{' '}
            <span className="pla-muted" style={{ fontWeight: 400 }}>
              · {t('login.subtitle')}
            </span>
          </span>
        }
        extra={<LangSwitch />}
        data-testid="login"
      >
        <Typography.Paragraph className="pla-muted">{t('login.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
