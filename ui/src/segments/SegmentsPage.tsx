import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Empty, Spin, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Segment } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { useSegmentCount, useSegments } from './queries';
import { SegmentKindTag } from './SegmentKindTag';
import { SegmentEditorDrawer } from './SegmentEditorDrawer';
import './segments.css';

/** One segment's member count, asked of the core per row (counts are scoped to the reader). */
function CountCell({ id }: { id: string }) {
  const { t } = useTranslation();
  const count = useSegmentCount(id);
  if (count.isPending) return <Spin size="small" data-testid="segment-row-count-loading" />;
  if (count.isError) {
    return (
      <Tooltip title={errorMessage(count.error)}>
        <span className="muted" data-testid="segment-row-count">
          {t('segments.list.countFailed')}
        </span>
      </Tooltip>
    );
  }
  return (
    <span className="segment-row-count" data-testid="segment-row-count">
      {count.data.toLocaleString()}
    </span>
  );
}

/** Every segment: its kind, how many customers it holds, whose it is and when it was taken. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const segments = useSegments();
  const [creating, setCreating] = useState(false);
  const none = t('common.none');

  const columns: ColumnsType<Segment> = [
    {
      key: 'name',
      title: t('segments.list.name'),
      width: 240,
      render: (_, s) => (
        <Link to={`/segments/${s.id}`} className="segment-name-link" data-testid="segment-link">
          {s.name}
        </Link>
      ),
    },
    { key: 'kind', title: t('segments.list.kind'), width: 120, render: (_, s) => <SegmentKindTag kind={s.kind} /> },
    { key: 'count', title: t('segments.list.count'), width: 100, align: 'right', render: (_, s) => <CountCell id={s.id} /> },
    { key: 'owner', title: t('segments.list.owner'), width: 120, render: (_, s) => s.owner },
    {
      key: 'snapshotAt',
      title: t('segments.list.snapshotAt'),
      width: 150,
      render: (_, s) => (s.snapshotAt ? formatDateTime(s.snapshotAt) : <span className="muted">{none}</span>),
    },
    {
      key: 'description',
      title: t('segments.list.description'),
      render: (_, s) =>
        s.description ? (
          <span className="segment-description" title={s.description}>
            {s.description}
          </span>
        ) : (
          <span className="muted">{none}</span>
        ),
    },
  ];

  return (
    <div className="page segments-page" data-testid="segments-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('segments.title')}</h1>
        <span className="muted segments-subtitle">{t('segments.subtitle')}</span>
        <div className="toolbar-spacer" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="segment-new">
          {t('segments.list.new')}
        </Button>
      </div>
      <div className="segments-frame">
        {segments.isError && (
          <Alert type="error" showIcon title={t('segments.list.failed', { message: errorMessage(segments.error) })} />
        )}
        {segments.isSuccess && segments.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('segments.list.empty')} data-testid="segments-empty" />
        ) : (
          <Table<Segment>
            size="middle"
            rowKey="id"
            className="segment-table"
            loading={segments.isPending}
            dataSource={segments.data ?? []}
            columns={columns}
            pagination={false}
            onRow={(s) => ({ 'data-testid': 'segment-row', 'data-segment-id': s.id }) as HTMLAttributes<HTMLTableRowElement>}
          />
        )}
      </div>
      <SegmentEditorDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate(`/segments/${saved.id}`)}
      />
    </div>
  );
}
