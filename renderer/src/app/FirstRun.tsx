import { App as AntApp, Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { adminContract } from '../../../electron/contract';
import { api } from '../api/client';
import { errorText, fieldPath, issueText } from '../api/errors';
import { markServerError, zodIssues } from '../ui/forms';
import { LangSwitch } from './LangSwitch';
import { refreshSession } from './AuthGate';

interface Values {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

const FIELDS = ['username', 'displayName', 'password', 'confirm'] as const;

/**
 * Every problem of the form at once, by field (an empty list: the field is right): the contract's rules for the
 * account and the confirmation's match, checked together so a user never fixes one group to discover the next.
 */
export function firstRunProblems(v: Partial<Values>, t: TFunction): Record<(typeof FIELDS)[number], string[]> {
  const out: Record<(typeof FIELDS)[number], string[]> = { username: [], displayName: [], password: [], confirm: [] };
  const blank = (s: string | undefined) => !s || !s.trim();
  for (const f of FIELDS) if (blank(v[f])) out[f].push(t('validation.required'));
  const r = adminContract['admin.setupFirstCoordinator'].input.safeParse({
    username: v.username ?? '',
    displayName: v.displayName ?? '',
    password: v.password ?? '',
  });
  if (!r.success)
    for (const issue of zodIssues(r.error)) {
      const f = fieldPath(issue.field)[0] as (typeof FIELDS)[number];
      // an empty field says only that it is required (not also "too short")
      if (f in out && !blank(v[f])) out[f].push(issueText(t, issue));
    }
  if (!blank(v.confirm) && v.confirm !== v.password) out.confirm.push(t('users.passwordMismatch'));
  return out;
}

/** No users yet: create the first coordinator, then sign in with the same credentials. */
export function FirstRun() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as Partial<Values>;
    const problems = firstRunProblems(v, t);
    form.setFields(FIELDS.map((name) => ({ name, errors: problems[name] })));
    if (FIELDS.some((f) => problems[f].length)) return;
    const parsed = adminContract['admin.setupFirstCoordinator'].input.safeParse({ username: v.username, displayName: v.displayName, password: v.password });
    if (!parsed.success) return;
    const input = parsed.data;
    setBusy(true);
    try {
      const created = await api.call('admin.setupFirstCoordinator', input);
      if (!created.ok) {
        if (!markServerError(form, t, created.error)) setError(errorText(t, created.error));
        return;
      }
      const login = await api.call('admin.login', { username: input.username, password: input.password });
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

  // The title is the card's heading, wrapped (not cut) when it is longer than the card; the rules are checked
  // together on submit (firstRunProblems), so the help under the password is the only "Cel puțin 10 caractere".
  return (
    <div className="pla-auth">
      <Card data-testid="first-run">
        <div className="pla-auth-head">
          <Typography.Title level={1} className="pla-auth-title" data-testid="first-run-title">
            {t('firstRun.title')}
          </Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph className="pla-muted">{t('firstRun.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="first-run-error" />}
        <Form form={form} layout="vertical" onFinish={() => void submit()} requiredMark={false} noValidate>
          <Form.Item name="username" label={t('users.username')} extra={t('users.usernameHelp')}>
            <Input autoFocus autoComplete="username" data-testid="first-run-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input autoComplete="name" data-testid="first-run-display-name" />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')}>
            <Input.Password autoComplete="new-password" data-testid="first-run-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('users.passwordConfirm')}>
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
