import { Button, Popconfirm } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A detail page's Edit and Delete buttons (Delete asks first). Test ids are `<testId>-edit` and `<testId>-delete`;
 * `before` stands ahead of them (a page's own first action).
 */
export function EditDeleteButtons({
  testId,
  confirmTitle,
  onEdit,
  onDelete,
  before,
}: {
  testId: string;
  confirmTitle: string;
  onEdit: () => void;
  /** Given to Popconfirm as is: a promise it returns keeps the confirmation busy until it settles. */
  onDelete: () => void | Promise<unknown>;
  before?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {before}
      <Button icon={<EditOutlined />} onClick={onEdit} data-testid={`${testId}-edit`}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={confirmTitle} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={onDelete}>
        <Button danger icon={<DeleteOutlined />} data-testid={`${testId}-delete`}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </>
  );
}
