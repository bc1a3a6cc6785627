import type { HTMLAttributes, ReactNode } from 'react';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { LeadStatusTag } from '../LeadStatusTag';

interface Props {
  leads: Lead[];
  loading: boolean;
  /** The pool shows nobody's name (nobody owns its leads) and offers to claim instead. */
  pool: boolean;
  onClaim: (lead: Lead) => void;
  claimingId: string | null;
  empty: ReactNode;
}

const none = <span className="muted">—</span>;

/** Where the lead is: the most precise place, and the territory it falls in under it. */
function Location({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  // "上海 · 上海" says it twice: a city that is its own province shows once.
  const place = [...new Set([lead.province, lead.city].filter(Boolean))].join(' · ') || lead.country;
  return (
    <div className="lead-location">
      <span>{place || none}</span>
      <span className="lead-territory-name">{lead.territory?.name ?? t('leads.list.unassignedTerritory')}</span>
    </div>
  );
}

/** The leads of one tab; a click on a row opens the lead. */
export function LeadTable({ leads, loading, pool, onClaim, claimingId, empty }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: ColumnsType<Lead> = [
    {
      key: 'name',
      title: t('leads.field.name'),
      width: 120,
      render: (_, l) => <span className="lead-name">{l.name}</span>,
    },
    { key: 'company', title: t('leads.field.company'), ellipsis: true, render: (_, l) => l.company ?? none },
    { key: 'phone', title: t('leads.field.phone'), width: 130, render: (_, l) => l.phone ?? none },
    { key: 'source', title: t('leads.field.source'), width: 100, ellipsis: true, render: (_, l) => l.source ?? none },
    { key: 'location', title: t('leads.field.location'), width: 150, render: (_, l) => <Location lead={l} /> },
    {
      key: 'status',
      title: t('leads.field.status'),
      width: 100,
      render: (_, l) => <LeadStatusTag status={l.status} testId="lead-status" />,
    },
    ...(pool
      ? []
      : [{ key: 'owner', title: t('leads.field.owner'), width: 110, render: (_: unknown, l: Lead) => l.ownerName ?? none }]),
    {
      key: 'updated',
      title: t('leads.field.updated'),
      width: 140,
      render: (_, l) => <Typography.Text type="secondary">{formatDateTime(l.updatedAt)}</Typography.Text>,
    },
  ];
  if (pool) {
    columns.push({
      key: 'claim',
      width: 90,
      align: 'right',
      render: (_, l) =>
        l.allowedActions.includes('claim') && (
          <Button
            size="small"
            type="primary"
            ghost
            data-testid="lead-claim"
            loading={claimingId === l.id}
            onClick={(e) => {
              e.stopPropagation();
              onClaim(l);
            }}
          >
            {t('leads.list.claim')}
          </Button>
        ),
    });
  }

  return (
    <Table<Lead>
      size="middle"
      rowKey="id"
      className="lead-table"
      loading={loading}
      dataSource={leads}
      columns={columns}
      pagination={false}
      locale={{ emptyText: empty }}
      onRow={(lead) =>
        ({
          'data-testid': 'lead-row',
          'data-lead-id': lead.id,
          onClick: () => void navigate(`/leads/${lead.id}`),
        }) as HTMLAttributes<HTMLTableRowElement>
      }
    />
  );
}
