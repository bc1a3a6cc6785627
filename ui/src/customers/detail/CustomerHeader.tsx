import { useState } from 'react';
import { App, Breadcrumb, Button, Popconfirm, Space } from 'antd';
import { DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Customer, type Language } from '../../ipc/client';
import { useLiveFields, useTagList } from '../../classification/queries';
import { TagList } from '../../classification/TagList';
import { findField, optionLabel } from '../../classification/labels';
import { KindTag, LifecycleTag } from '../display';
import { useCurrentUser } from '../../auth/CurrentUser';
import { TerritoryTag } from './TerritoryTag';
import { CustomerFormDrawer } from '../form/CustomerFormDrawer';

export function CustomerHeader({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const { builtin } = useLiveFields();
  const tags = useTagList();
  const [editing, setEditing] = useState(false);
  // Restoring is the administrator's; the core refuses anyone else, so nobody else is offered it.
  const { isAdmin } = useCurrentUser();
  const inTrash = customer.deletedAt !== null;

  const onFailure = (e: unknown) => void message.error(t('common.failed', { message: errorMessage(e) }));
  const trash = useMutation({
    mutationFn: () => ipc.customerDelete(customer.id),
    onSuccess: () => void message.success(t('customer.trashed', { name: customer.name })),
    onError: onFailure,
  });
  const restore = useMutation({
    mutationFn: () => ipc.customerRestore(customer.id),
    onSuccess: () => void message.success(t('customers.restoredName', { name: customer.name })),
    onError: onFailure,
  });

  return (
    <div className="customer-header">
      <Breadcrumb items={[{ title: <Link to="/customers">{t('customer.backToList')}</Link> }, { title: customer.name }]} />
      <div className="customer-header-main">
        <div className="customer-header-text">
          <h1 className="customer-title" data-testid="customer-title">
            {customer.name}
          </h1>
          <Space size={4} wrap className="customer-badges">
            <KindTag kind={customer.kind} />
            <LifecycleTag lifecycle={customer.lifecycle} />
            {customer.tier && (
              <span className="tier-badge">{optionLabel(findField(builtin, 'tier'), customer.tier, language)}</span>
            )}
            <TerritoryTag territory={customer.territory} />
            <TagList tagIds={customer.tagIds} tags={tags} />
          </Space>
          {customer.company && customer.kind === 'individual' && (
            <div className="customer-subtitle">{customer.company}</div>
          )}
        </div>
        <Space>
          {inTrash ? (
            isAdmin && (
              <Button type="primary" icon={<UndoOutlined />} loading={restore.isPending} onClick={() => restore.mutate()} data-testid="restore-customer">
                {t('common.restore')}
              </Button>
            )
          ) : (
            <>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-customer">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('customer.trashConfirm', { name: customer.name })}
                description={t('customer.trashConfirmHint')}
                okText={t('customer.trashAction')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => trash.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} loading={trash.isPending} data-testid="trash-customer">
                  {t('customer.trashAction')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </div>
      <CustomerFormDrawer open={editing} onClose={() => setEditing(false)} customer={customer} />
    </div>
  );
}
