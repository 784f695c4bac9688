import { Button, Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from './useReturnFocus';

/**
 * A modal edit form: Enter in a field submits (a hidden submit button enables implicit submission),
 * Esc closes, the primary button shows progress. Values are validated by the caller with the contract's
 * schema in `onSubmit`. When it goes away the focus returns to the control that opened it.
 */
export function FormModal<V extends object>({
  open,
  title,
  form,
  initialValues,
  onCancel,
  onSubmit,
  busy,
  children,
  width = 640,
  testId,
  okText,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onCancel: () => void;
  onSubmit: (values: V) => void | Promise<void>;
  busy?: boolean;
  children: ReactNode;
  width?: number;
  testId?: string;
  okText?: string;
}) {
  const { t } = useTranslation();
  useReturnFocus();
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onCancel}
      destroyOnHidden
      keyboard
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid={testId ? `${testId}-submit` : undefined}>
          {okText ?? t('common.save')}
        </Button>,
      ]}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues as V} onFinish={onSubmit} data-testid={testId} scrollToFirstError>
        {children}
        <button type="submit" tabIndex={-1} aria-hidden style={{ position: 'absolute', width: 0, height: 0, padding: 0, border: 0, opacity: 0 }} />
      </Form>
    </Modal>
  );
}
