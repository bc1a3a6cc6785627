import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type AuditCursor, type AuditEntry, type AuditFilter, type AuditKind, type Language } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useFields, useTagList } from '../../classification/queries';
import { formatDateTime } from '../../customers/display';
import { useOrgUnits, useUsers } from '../queries';
import { AuditFilters } from './AuditFilters';
import { AuditEntryDetails } from './AuditEntryDetails';
import { actionEntity, actionLabel, type AuditContext } from './auditFormat';

const PAGE = 50;
const KIND_COLORS: Record<AuditKind, string> = { change: 'blue', sign_in_failed: 'red', refused: 'orange' };

type Row = AuditEntry & { key: number };

/** Who did what and when, and what was refused, newest first, a page at a time. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [filter, setFilter] = useState<AuditFilter>({ login: null, recordId: null, from: null, to: null, securityOnly: false });
  const users = useUsers();
  const units = useOrgUnits();
  const ctx: AuditContext = {
    t,
    language,
    fields: useFields().data ?? [],
    tags: useTagList(),
    unitNames: new Map((units.data ?? []).map((u) => [u.id, u.name])),
  };
  const names = new Map((users.data ?? []).map((u) => [u.login, u.displayName]));
  const pages = useInfiniteQuery({
    queryKey: queryKeys.audit(filter),
    queryFn: ({ pageParam }) => ipc.auditList(filter, pageParam, PAGE),
    initialPageParam: null as AuditCursor | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // Pages only ever grow at the end, so a row's position is a stable key.
  const rows: Row[] = (pages.data?.pages.flatMap((p) => p.entries) ?? []).map((e, i) => ({ ...e, key: i }));

  return (
    <div className="page admin-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('audit.title')}</h1>
        <Typography.Text type="secondary">{t('audit.hint')}</Typography.Text>
      </div>
      <AuditFilters filter={filter} onChange={setFilter} />
      {pages.isError && <Alert type="error" showIcon title={errorMessage(pages.error)} />}
      <div className="admin-panel">
        <Table<Row>
          size="small"
          loading={pages.isPending}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('audit.empty') }}
          onRow={() => ({ 'data-testid': 'audit-row' }) as HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { key: 'at', title: t('audit.time'), width: 140, render: (_, e) => formatDateTime(e.at) },
            {
              key: 'user',
              title: t('audit.user'),
              width: 150,
              render: (_, e) => (
                <Tooltip title={e.login}>
                  <span>{names.get(e.login) ?? e.login}</span>
                </Tooltip>
              ),
            },
            {
              key: 'kind',
              title: t('audit.kind'),
              width: 100,
              render: (_, e) => <Tag color={KIND_COLORS[e.kind]}>{t(`audit.kinds.${e.kind}`)}</Tag>,
            },
            {
              key: 'action',
              title: t('audit.action'),
              width: 170,
              render: (_, e) => (
                <>
                  {actionLabel(t, e.action)}
                  <code className="audit-action-code">{e.action}</code>
                </>
              ),
            },
            {
              key: 'record',
              title: t('audit.record'),
              width: 150,
              render: (_, e) => <RecordId entry={e} />,
            },
            { key: 'details', title: t('audit.details'), render: (_, e) => <AuditEntryDetails entry={e} ctx={ctx} /> },
          ]}
        />
        {pages.hasNextPage && (
          <div className="load-more-row">
            <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="audit-load-more">
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}

/** A customer's id opens the customer; other ids are only shown. */
function RecordId({ entry }: { entry: AuditEntry }) {
  if (!entry.entityId) return <span className="muted">—</span>;
  const text = (
    <Typography.Text code ellipsis={{ tooltip: entry.entityId }} style={{ maxWidth: 140 }}>
      {entry.entityId}
    </Typography.Text>
  );
  return actionEntity(entry.action) === 'customer' ? <Link to={`/customers/${entry.entityId}`}>{text}</Link> : text;
}
