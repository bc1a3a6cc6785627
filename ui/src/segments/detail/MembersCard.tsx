import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { QuestionCircleOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type ConditionField, type CustomerListRow, type Segment } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { fieldLabel } from '../../classification/labels';
import { LifecycleTag } from '../../customers/display';
import { findConditionField } from '../../workflow/conditions/conditionModel';
import { CustomerPicker } from '../../opportunities/form/CustomerPicker';
import { useSegmentCount, useSegmentMembers } from '../queries';
import type { useSegmentCommands } from './useSegmentCommands';

interface Props {
  segment: Segment;
  fields: ConditionField[];
  commands: ReturnType<typeof useSegmentCommands>;
  /** Opens the explanation of why this customer is (not) in the segment. */
  onExplain: (customerId: string) => void;
  /** The customer being explained now, if any (the picker empties once the explanation closes). */
  explaining: string | null;
}

/** The segment's members, a page at a time, each with "why?"; a fixed segment's may be removed. */
export function MembersCard({ segment, fields, commands, onExplain, explaining }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const members = useSegmentMembers(segment.id);
  const count = useSegmentCount(segment.id);
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const rows = members.data?.pages.flatMap((p) => p.rows) ?? [];
  const tier = findConditionField(fields, 'tier');
  const removable = segment.kind === 'fixed' && segment.mayEdit;
  const none = t('common.none');

  const columns: ColumnsType<CustomerListRow> = [
    {
      key: 'name',
      title: t('segments.members.name'),
      render: (_, r) => (
        <Link to={`/customers/${r.id}`} data-testid="member-link">
          {r.name}
        </Link>
      ),
    },
    { key: 'lifecycle', title: t('segments.members.lifecycle'), width: 110, render: (_, r) => <LifecycleTag lifecycle={r.lifecycle} /> },
    {
      key: 'tier',
      title: t('segments.members.tier'),
      width: 100,
      render: (_, r) => {
        if (!r.tier) return <span className="muted">{none}</span>;
        const option = tier?.options.find((o) => o.key === r.tier);
        return option ? fieldLabel(option, language) : r.tier;
      },
    },
    { key: 'city', title: t('segments.members.city'), width: 100, render: (_, r) => r.city ?? <span className="muted">{none}</span> },
    { key: 'owner', title: t('segments.members.owner'), width: 100, render: (_, r) => r.owner ?? <span className="muted">{none}</span> },
    {
      key: 'actions',
      width: removable ? 170 : 100,
      align: 'right',
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<QuestionCircleOutlined />} onClick={() => onExplain(r.id)} data-testid="segment-why">
            {t('segments.members.why')}
          </Button>
          {removable && (
            <Popconfirm
              title={t('segments.members.removeConfirm', { name: r.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => commands.removeMember(r)}
            >
              <Button
                size="small"
                type="text"
                danger
                icon={<UserDeleteOutlined />}
                loading={commands.removingMemberId === r.id}
                data-testid="segment-member-remove"
              >
                {t('segments.members.remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      className="section-card segment-members"
      title={t('segments.members.title')}
      extra={
        count.data !== undefined && rows.length > 0 ? (
          <span className="muted" data-testid="segment-members-shown">
            {t('segments.members.shown', { shown: rows.length, count: count.data })}
          </span>
        ) : undefined
      }
    >
      <div className="segment-explain-any">
        <span className="segment-explain-any-label">{t('segments.members.explainAny')}</span>
        <div className="segment-explain-any-picker">
          <CustomerPicker
            value={asked !== undefined && asked === explaining ? asked : undefined}
            onChange={(id) => {
              setAsked(id);
              onExplain(id);
            }}
            placeholder={t('segments.members.explainPick')}
            testId="segment-explain-customer"
          />
        </div>
      </div>
      {members.isError && <Alert type="error" showIcon title={t('segments.members.failed', { message: errorMessage(members.error) })} />}
      {members.isSuccess && rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.members.empty')} data-testid="segment-members-empty" />
      ) : (
        <Table<CustomerListRow>
          size="small"
          rowKey="id"
          className="segment-member-table"
          loading={members.isPending}
          dataSource={rows}
          columns={columns}
          pagination={false}
          onRow={(r) => ({ 'data-testid': 'segment-member-row', 'data-customer-id': r.id }) as HTMLAttributes<HTMLTableRowElement>}
        />
      )}
      {members.hasNextPage && (
        <div className="segment-members-more">
          <Button onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage} data-testid="segment-members-more">
            {t('segments.members.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
