import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Territory } from '../../ipc/client';
import { useRefreshAdminData, useTerritories } from '../queries';
import { TerritoryFormModal } from './TerritoryFormModal';
import { placeText } from './placeText';

/** The territories: which places each covers and which unit is in charge of its customers. */
export function TerritoriesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const territories = useTerritories();
  const refresh = useRefreshAdminData();
  // undefined: no form; null: a new territory; a territory: editing it.
  const [editing, setEditing] = useState<Territory | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (territory: Territory) => ipc.territoryDelete(territory.id),
    onSuccess: (_, territory) => {
      void message.success(t('territories.deleted', { name: territory.name }));
      void refresh();
    },
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) }), 6),
  });

  return (
    <div className="page admin-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('territories.title')}</h1>
        <div className="toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="add-territory">
          {t('territories.add')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('territories.hint')}</Typography.Text>
      {territories.isError && <Alert type="error" showIcon title={errorMessage(territories.error)} />}
      <div className="admin-panel">
        <Table<Territory>
          size="middle"
          rowKey="id"
          loading={territories.isPending}
          dataSource={territories.data ?? []}
          pagination={false}
          locale={{ emptyText: t('territories.empty') }}
          onRow={() => ({ 'data-testid': 'territory-row' }) as HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { key: 'name', title: t('territories.name'), dataIndex: 'name', width: 180, render: (name: string) => <strong>{name}</strong> },
            { key: 'unit', title: t('territories.unit'), dataIndex: 'unitName', width: 160 },
            {
              key: 'places',
              title: t('territories.places'),
              render: (_, territory) => (
                <span className="place-chips">
                  {territory.places.map((p) => (
                    <Tag key={placeText(p)} data-testid="territory-place">
                      {placeText(p)}
                    </Tag>
                  ))}
                </span>
              ),
            },
            {
              key: 'customers',
              title: t('territories.customers'),
              width: 100,
              align: 'right',
              render: (_, territory) => territory.customerCount.toLocaleString(i18n.language),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 170,
              render: (_, territory) => (
                <Space size={4}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(territory)} data-testid="edit-territory">
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('territories.deleteConfirm', { name: territory.name })}
                    description={t('territories.deleteHint', { count: territory.customerCount })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove.mutate(territory)}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} data-testid="delete-territory">
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </div>
      {editing !== undefined && (
        <TerritoryFormModal territory={editing} onSaved={() => void refresh()} onClose={() => setEditing(undefined)} />
      )}
    </div>
  );
}
