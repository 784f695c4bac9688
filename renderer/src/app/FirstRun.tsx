import { App as AntApp, Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminContract } from '../../../electron/contract';
import { errorText, fieldPath, issueText } from '../api/errors';
import { FirstSignInFailed, useSetupFirstCoordinator } from '../features/admin/mutations';
import { markServerError, zodIssues } from '../ui/forms';
import { LangSwitch } from './LangSwitch';

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
  const [error, setError] = useState<string | null>(null);
  const { message } = AntApp.useApp();
  const setup = useSetupFirstCoordinator({
    onCreated: () => void message.success(t('firstRun.created')),
    onError: (e) => {
      // the sign-in after the account was made: its error in the alert; the account's own: on its fields, or in the alert
      if (e instanceof FirstSignInFailed) setError(errorText(t, e.error));
      else if (!markServerError(form, t, e)) setError(errorText(t, e));
    },
  });

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true) as Partial<Values>;
    const problems = firstRunProblems(v, t);
    form.setFields(FIELDS.map((name) => ({ name, errors: problems[name] })));
    if (FIELDS.some((f) => problems[f].length)) return;
    const parsed = adminContract['admin.setupFirstCoordinator'].input.safeParse({ username: v.username, displayName: v.displayName, password: v.password });
    if (!parsed.success) return;
    await setup.run(parsed.data);
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
          <Button type="primary" htmlType="submit" block loading={setup.isPending} data-testid="first-run-submit">
            {t('firstRun.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
