import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type FieldDef, type Language } from '../ipc/client';
import { useFields } from '../classification/queries';
import { fieldLabel } from '../classification/labels';
import { DimensionFormModal } from './DimensionFormModal';
import { useCurrentUser } from '../auth/CurrentUser';

const MAX_OPTIONS_SHOWN = 6;

/** Built-in and custom dimensions; built-ins can be renamed and re-optioned but never deleted. */
export function DimensionsPanel() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const fields = useFields();
  // The core refuses everyone else; the buttons are not offered to them.
  const { isAdmin } = useCurrentUser();
  // undefined: no form; null: a new dimension; a field: editing it.
  const [editing, setEditing] = useState<FieldDef | null | undefined>(undefined);
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const remove = useMutation({
    mutationFn: (id: string) => ipc.fieldDelete(id),
    onSuccess: () => void message.success(t('common.deleted')),
    onError,
  });
  const restore = useMutation({
    mutationFn: (id: string) => ipc.fieldRestore(id),
    onSuccess: () => void message.success(t('common.restored')),
    onError,
  });

  const actions: TableColumnsType<FieldDef>[number] = {
    key: 'actions',
    title: t('common.actions'),
    width: 180,
    render: (_, f) =>
      f.deletedAt ? (
        <Button size="small" icon={<UndoOutlined />} onClick={() => restore.mutate(f.id)}>
          {t('common.restore')}
        </Button>
      ) : (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(f)}>
            {t('common.edit')}
          </Button>
          {!f.builtin && (
            <Popconfirm
              title={t('settings.deleteDimensionConfirm', { label: fieldLabel(f, language) })}
              description={t('settings.deleteDimensionHint')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate(f.id)}
            >
              <Button size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
  };

  return (
    <div className="settings-panel">
      <div className="panel-toolbar">
        <Typography.Text type="secondary">
          {isAdmin ? t('settings.dimensionsHint') : t('settings.dimensionsAdminOnly')}
        </Typography.Text>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="new-dimension">
            {t('settings.newDimension')}
          </Button>
        )}
      </div>
      {fields.isError && <Alert type="error" showIcon title={errorMessage(fields.error)} />}
      <Table<FieldDef>
        size="middle"
        rowKey="id"
        loading={fields.isPending}
        dataSource={fields.data ?? []}
        pagination={false}
        rowClassName={(f) => (f.deletedAt ? 'row-deleted' : '')}
        onRow={() => ({ 'data-testid': 'dimension-row' }) as HTMLAttributes<HTMLTableRowElement>}
        columns={[
          {
            key: 'label',
            title: t('field.name'),
            width: 220,
            render: (_, f) => (
              <Space size={6}>
                <span className="dimension-label">{fieldLabel(f, language)}</span>
                {f.builtin ? <Tag>{t('settings.builtin')}</Tag> : <Tag color="blue">{t('settings.custom')}</Tag>}
                {f.deletedAt && <Tag color="red">{t('settings.deletedBadge')}</Tag>}
              </Space>
            ),
          },
          { key: 'key', title: t('settings.key'), width: 150, render: (_, f) => <Typography.Text code>{f.key}</Typography.Text> },
          { key: 'type', title: t('settings.type'), width: 100, render: (_, f) => t(`settings.fieldType.${f.fieldType}`) },
          {
            key: 'options',
            title: t('settings.options'),
            render: (_, f) => (
              <span className="option-chips">
                {f.options.slice(0, MAX_OPTIONS_SHOWN).map((o) => (
                  <Tag key={o.key}>{fieldLabel(o, language)}</Tag>
                ))}
                {f.options.length > MAX_OPTIONS_SHOWN && <Tag>+{f.options.length - MAX_OPTIONS_SHOWN}</Tag>}
              </span>
            ),
          },
          ...(isAdmin ? [actions] : []),
        ]}
      />
      {editing !== undefined && <DimensionFormModal field={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
