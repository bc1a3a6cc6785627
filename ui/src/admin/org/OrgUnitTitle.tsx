import type { MouseEvent } from 'react';
import { Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../ipc/client';

interface Props {
  unit: OrgUnit;
  onAddChild: () => void;
  onRename: () => void;
  onDelete: () => void;
}

// The buttons live inside the tree row; a click on them must not also select the row.
const quiet = (action: () => void) => (e?: MouseEvent) => {
  e?.stopPropagation();
  action();
};

/** One row of the org tree: the unit's name, how many users and territories it holds, actions. */
export function OrgUnitTitle({ unit, onAddChild, onRename, onDelete }: Props) {
  const { t } = useTranslation();
  const isTop = unit.parentId === null;
  return (
    <span className="org-node" data-testid="org-node">
      <span className="org-node-name">{unit.name}</span>
      {isTop && <Tag>{t('org.topUnit')}</Tag>}
      <Tag color={unit.userCount ? 'blue' : 'default'} variant="filled" data-testid="org-node-users">
        {t('org.users', { count: unit.userCount })}
      </Tag>
      <Tag color={unit.territoryCount ? 'green' : 'default'} variant="filled" data-testid="org-node-territories">
        {t('org.territories', { count: unit.territoryCount })}
      </Tag>
      <Space size={0} className="org-node-actions">
        <Tooltip title={t('org.addChild')}>
          <Button type="text" size="small" icon={<PlusOutlined />} aria-label={t('org.addChild')} onClick={quiet(onAddChild)} />
        </Tooltip>
        <Tooltip title={t('org.rename')}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('org.rename')} onClick={quiet(onRename)} />
        </Tooltip>
        {!isTop && (
          <Popconfirm
            title={t('org.deleteConfirm', { name: unit.name })}
            description={t('org.deleteHint')}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={quiet(onDelete)}
            onPopupClick={(e) => e.stopPropagation()}
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
              onClick={(e) => e.stopPropagation()}
            />
          </Popconfirm>
        )}
      </Space>
    </span>
  );
}
