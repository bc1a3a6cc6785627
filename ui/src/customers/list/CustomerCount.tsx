import { Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type CustomerFilter } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** The count is its own query: on a million rows it may take longer than the first page. */
export function CustomerCount({ filter }: { filter: CustomerFilter }) {
  const { t, i18n } = useTranslation();
  const count = useQuery({ queryKey: queryKeys.customerCount(filter), queryFn: () => ipc.customerCount(filter) });
  if (count.data === undefined) {
    return <Skeleton.Button active size="small" style={{ width: 120 }} />;
  }
  const formatted = count.data.toLocaleString(i18n.language);
  const text = filter.trash
    ? t('customers.trashCount', { count: count.data, formatted })
    : t('customers.count', { count: count.data, formatted });
  return (
    <Typography.Text type="secondary" data-testid="customer-count" className="customer-count">
      {text}
    </Typography.Text>
  );
}
