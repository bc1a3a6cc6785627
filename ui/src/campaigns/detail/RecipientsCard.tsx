import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign, type CampaignRecipient, type RecipientOutcome } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useCampaignRecipients, useMarkRecipients, type MarkInput } from '../queries';
import { OutcomeTag, useReasonText } from '../campaignDisplay';
import { MARKS, OUTCOMES } from '../campaignModel';

type Filter = RecipientOutcome | 'all';

/** 已回复 / 已转化 / 已退订 on a recipient, each with its time where there is one. */
function Marks({ r }: { r: CampaignRecipient }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {r.respondedAt && (
        <Tooltip title={formatDateTime(r.respondedAt)}>
          <Tag color="blue" data-testid="recipient-responded">
            {t('campaigns.recipients.responded')}
          </Tag>
        </Tooltip>
      )}
      {r.convertedAt && (
        <Tooltip title={formatDateTime(r.convertedAt)}>
          <Tag color="green" data-testid="recipient-converted">
            {t('campaigns.recipients.converted')}
          </Tag>
        </Tooltip>
      )}
      {r.unsubscribed && (
        <Tag color="volcano" data-testid="recipient-unsubscribed">
          {t('campaigns.recipients.unsubscribed')}
        </Tag>
      )}
    </Space>
  );
}

/**
 * The campaign's recipients, filtered by outcome, a page at a time; its editors select some and
 * mark or unmark them as responded, converted or unsubscribed.
 */
export function RecipientsCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reasonText = useReasonText();
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<string[]>([]);
  const recipients = useCampaignRecipients(campaign.id, filter === 'all' ? null : filter);
  const mark = useMarkRecipients(campaign.id);
  const rows = recipients.data?.pages.flatMap((p) => p.rows) ?? [];
  const none = <span className="muted">{t('common.none')}</span>;

  const apply = (input: Omit<MarkInput, 'customerIds'>) =>
    mark.mutate(
      { ...input, customerIds: selected },
      {
        onSuccess: (changed) => {
          setSelected([]);
          if (changed > 0) void message.success(t('campaigns.recipients.marked', { count: changed }));
          else void message.info(t('campaigns.recipients.unchanged'));
        },
        onError: (e) => void message.error(t('campaigns.detail.refused', { message: errorMessage(e) })),
      },
    );

  const columns: ColumnsType<CampaignRecipient> = [
    {
      key: 'name',
      title: t('campaigns.recipients.name'),
      render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
    },
    { key: 'email', title: t('campaigns.recipients.email'), render: (_, r) => r.email ?? none },
    { key: 'outcome', title: t('campaigns.recipients.outcome'), width: 100, render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
    {
      key: 'reason',
      title: t('campaigns.recipients.reason'),
      render: (_, r) => (r.reason ? <span data-testid="recipient-reason">{reasonText(r.reason)}</span> : none),
    },
    {
      key: 'deliveredAt',
      title: t('campaigns.recipients.deliveredAt'),
      width: 140,
      render: (_, r) => (r.deliveredAt ? formatDateTime(r.deliveredAt) : none),
    },
    { key: 'marks', title: t('campaigns.recipients.marks'), width: 200, render: (_, r) => <Marks r={r} /> },
  ];

  return (
    <Card size="small" className="section-card campaign-recipients" title={t('campaigns.recipients.title')} data-testid="campaign-recipients">
      <div className="campaign-recipients-toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setSelected([]);
          }}
          options={[
            { value: 'all', label: t('campaigns.recipients.all') },
            ...OUTCOMES.map((o) => ({ value: o, label: t(`campaigns.outcome.${o}`) })),
          ]}
          data-testid="recipients-filter"
        />
        {campaign.mayEdit && (
          <Space wrap className="campaign-mark-actions">
            <span className="muted" data-testid="recipients-selected">
              {t('campaigns.recipients.selected', { count: selected.length })}
            </span>
            {MARKS.map((m) => (
              <Space.Compact key={m}>
                <Button
                  size="small"
                  disabled={selected.length === 0 || mark.isPending}
                  onClick={() => apply({ mark: m, on: true })}
                  data-testid={`recipients-mark-${m}`}
                >
                  {t(`campaigns.recipients.mark.${m}`)}
                </Button>
                <Button
                  size="small"
                  disabled={selected.length === 0 || mark.isPending}
                  onClick={() => apply({ mark: m, on: false })}
                  data-testid={`recipients-unmark-${m}`}
                >
                  {t(`campaigns.recipients.unmark.${m}`)}
                </Button>
              </Space.Compact>
            ))}
          </Space>
        )}
      </div>
      {recipients.isError && (
        <Alert type="error" showIcon title={t('campaigns.recipients.failed', { message: errorMessage(recipients.error) })} />
      )}
      {recipients.isSuccess && rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.recipients.empty')} data-testid="recipients-empty" />
      ) : (
        <Table<CampaignRecipient>
          size="small"
          rowKey="customerId"
          loading={recipients.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          rowSelection={
            campaign.mayEdit
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: false }
              : undefined
          }
          onRow={(r) => ({ 'data-testid': 'recipient-row', 'data-customer-id': r.customerId }) as HTMLAttributes<HTMLTableRowElement>}
        />
      )}
      {recipients.hasNextPage && (
        <div className="campaign-recipients-more">
          <Button onClick={() => void recipients.fetchNextPage()} loading={recipients.isFetchingNextPage} data-testid="recipients-more">
            {t('campaigns.recipients.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
