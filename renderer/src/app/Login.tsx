import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, toErrorData } from '../api/errors';
import { useLogin } from '../features/admin/mutations';
import { LangSwitch } from './LangSwitch';

interface Values {
  username: string;
  password: string;
}

/**
 * Why signing in failed, in words: a wrong user name or password both come back UNAUTHENTICATED (said plainly);
 * a lock after repeated failures says for how long.
 */
export function loginErrorText(t: TFunction, e: unknown): string {
  const d = toErrorData(e);
  const retry = d.details?.reason === 'locked' ? Number(d.details.retryAfterSeconds) : NaN;
  if (Number.isFinite(retry)) return t('login.locked', { minutes: Math.max(1, Math.ceil(retry / 60)) });
  return d.code === 'UNAUTHENTICATED' || d.code === 'VALIDATION' ? t('login.wrong') : errorText(t, d);
}

export function Login() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  // a failed sign-in keeps the user name and empties the password
  const login = useLogin({
    onError: (e) => {
      setError(loginErrorText(t, e));
      form.setFieldValue('password', '');
    },
  });

  const submit = async (v: Values) => {
    setError(null);
    await login.run({ username: v.username.trim(), password: v.password });
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
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
