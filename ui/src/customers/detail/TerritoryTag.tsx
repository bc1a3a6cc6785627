import { Tag } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TerritoryRef } from '../../ipc/client';

/** The territory a customer's location falls in; it decides which unit sees the customer. */
export function TerritoryTag({ territory }: { territory: TerritoryRef | null }) {
  const { t } = useTranslation();
  return (
    <Tag
      icon={<EnvironmentOutlined />}
      color={territory ? 'geekblue' : 'default'}
      variant="outlined"
      title={t('customer.territory')}
      data-testid="customer-territory"
    >
      {territory ? territory.name : t('customer.unassignedTerritory')}
    </Tag>
  );
}
