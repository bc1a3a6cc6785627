import type { HTMLAttributes } from 'react';
import { Alert, Button, Select, Table, type TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Opportunity } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useStages } from '../queries';
import { Amount, CloseDate, StageTag, stageName, useLanguage } from '../stageDisplay';

const PAGE = 50;

interface Props {
  owner: string | null;
  stageIds: string[];
  onStageIds: (ids: string[]) => void;
}

/** Every opportunity in a table, last changed first, filtered by stage, a page at a time. */
export function OpportunityListView({ owner, stageIds, onStageIds }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const stages = useStages();
  const request = { stageIds, owner, limit: PAGE };
  const pages = useInfiniteQuery({
    queryKey: [...queryKeys.opportunities, 'list', request],
    queryFn: ({ pageParam }) => ipc.opportunityList({ ...request, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<Opportunity> = [
    { key: 'name', title: t('opportunities.field.name'), render: (_, o) => <span className="list-name">{o.name}</span> },
    { key: 'customer', title: t('opportunities.field.customer'), dataIndex: 'customerName' },
    { key: 'stage', title: t('opportunities.field.stage'), render: (_, o) => <StageTag stage={o.stage} /> },
    {
      key: 'amount',
      title: t('opportunities.field.amount'),
      align: 'right',
      render: (_, o) => <Amount minor={o.amount} currency={o.currency} />,
    },
    { key: 'probability', title: t('opportunities.field.probability'), align: 'right', render: (_, o) => `${o.probability}%` },
    {
      key: 'weighted',
      title: t('opportunities.field.weighted'),
      align: 'right',
      render: (_, o) => <Amount minor={o.weightedAmount} currency={o.currency} className="amount muted-amount" />,
    },
    {
      key: 'close',
      title: t('opportunities.field.expectedClose'),
      render: (_, o) => <CloseDate date={o.expectedClose} open={o.stage.outcome === 'open'} />,
    },
    { key: 'owner', title: t('opportunities.field.owner'), dataIndex: 'ownerName' },
  ];

  return (
    <div className="opportunity-list">
      <div className="list-filters">
        <Select
          mode="multiple"
          allowClear
          className="list-stage-filter"
          data-testid="list-stage-filter"
          placeholder={t('opportunities.list.allStages')}
          value={stageIds}
          onChange={onStageIds}
          loading={stages.isPending}
          options={(stages.data ?? []).map((s) => ({ value: s.id, label: stageName(s, language) }))}
        />
      </div>
      {pages.isError && <Alert type="error" showIcon title={errorMessage(pages.error)} />}
      <Table<Opportunity>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={pages.isPending}
        pagination={false}
        onRow={(o) =>
          ({
            onClick: () => void navigate(`/opportunities/${o.id}`),
            className: 'list-row',
            'data-testid': 'opportunity-row',
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('opportunities.list.empty') }}
      />
      {pages.hasNextPage && (
        <div className="list-load-more">
          <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="list-load-more">
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
