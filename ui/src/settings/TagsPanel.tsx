import { useState } from 'react';
import { Alert, App, Button, Empty, Popconfirm, Spin, Tag as AntTag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Tag } from '../ipc/client';
import { useTags } from '../classification/queries';
import { TagFormModal } from './TagFormModal';
import { useCurrentUser } from '../auth/CurrentUser';

export function TagsPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tags = useTags();
  // The core refuses sales and service users; the buttons are not offered to them.
  const { user } = useCurrentUser();
  const canEdit = user.role === 'admin' || user.role === 'manager';
  // undefined: no form; null: a new tag; a tag: editing it.
  const [editing, setEditing] = useState<Tag | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (id: string) => ipc.tagDelete(id),
    onSuccess: () => void message.success(t('common.deleted')),
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <div className="settings-panel">
      <div className="panel-toolbar">
        {canEdit ? (
          <>
            <span />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="new-tag">
              {t('settings.newTag')}
            </Button>
          </>
        ) : (
          <Typography.Text type="secondary">{t('settings.tagsManagersOnly')}</Typography.Text>
        )}
      </div>
      {tags.isError && <Alert type="error" showIcon title={errorMessage(tags.error)} />}
      {tags.isPending && <Spin />}
      {tags.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.tagsEmpty')} />}
      <div className="tag-grid">
        {tags.data?.map((tag) => (
          <div className="tag-card" key={tag.id} data-testid="tag-item">
            <AntTag color={tag.color} variant="filled" className="tag-card-tag">
              {tag.name}
            </AntTag>
            <span className="tag-card-color">{t(`settings.colors.${tag.color as 'blue'}`, { defaultValue: tag.color })}</span>
            {canEdit && (
              <span className="tag-card-actions">
                <Tooltip title={t('common.edit')}>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(tag)} aria-label={t('common.edit')} />
                </Tooltip>
                <Popconfirm
                  title={t('settings.deleteTagConfirm', { name: tag.name })}
                  description={t('settings.deleteTagHint')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(tag.id)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </span>
            )}
          </div>
        ))}
      </div>
      {editing !== undefined && <TagFormModal tag={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
