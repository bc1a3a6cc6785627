// How a lead's status looks wherever it appears: the same colour and words in the list, the
// header and the status-change timeline.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../ipc/client';

export const LEAD_STATUSES: LeadStatus[] = ['unassigned', 'pending', 'following_up', 'invalid', 'converted', 'voided'];

export const STATUS_COLORS: Record<LeadStatus, string> = {
  unassigned: 'purple',
  pending: 'gold',
  following_up: 'blue',
  invalid: 'default',
  converted: 'green',
  voided: 'red',
};

export function LeadStatusTag({ status, testId }: { status: LeadStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant="filled" className="lead-status-tag" data-testid={testId}>
      {t(`leads.status.${status}`)}
    </Tag>
  );
}
