import { Breadcrumb, Button, Popconfirm, Space, Spin, Tooltip } from 'antd';
import { CameraOutlined, DeleteOutlined, EditOutlined, UserAddOutlined, UserOutlined, TeamOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Segment } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useSegmentCount } from '../queries';
import { SegmentKindTag } from '../SegmentKindTag';
import type { useSegmentCommands } from './useSegmentCommands';

interface Props {
  segment: Segment;
  commands: ReturnType<typeof useSegmentCommands>;
  onEdit: () => void;
  onAddMembers: () => void;
}

/** The segment's name, kind, size, owner and snapshot time, and what its editors may do with it. */
export function SegmentHeader({ segment: s, commands, onEdit, onAddMembers }: Props) {
  const { t } = useTranslation();
  const count = useSegmentCount(s.id);
  return (
    <div className="segment-header">
      <Breadcrumb items={[{ title: <Link to="/segments">{t('segments.title')}</Link> }, { title: s.name }]} />
      <div className="segment-header-main">
        <div className="segment-header-text">
          <h1 className="segment-title">
            <span data-testid="segment-title">{s.name}</span>
            <SegmentKindTag kind={s.kind} />
          </h1>
          <Space size={[18, 6]} wrap className="segment-header-facts">
            <span className="segment-fact" title={t('segments.detail.count')}>
              <TeamOutlined /> {t('segments.detail.count')}{' '}
              {count.isPending ? (
                <Spin size="small" />
              ) : count.isError ? (
                <Tooltip title={errorMessage(count.error)}>
                  <span className="muted">{t('segments.list.countFailed')}</span>
                </Tooltip>
              ) : (
                <strong className="segment-count" data-testid="segment-count">
                  {count.data}
                </strong>
              )}
            </span>
            <span className="segment-fact" title={t('segments.detail.owner')} data-testid="segment-owner">
              <UserOutlined /> {s.owner}
            </span>
            {s.snapshotAt && (
              <span className="segment-fact" data-testid="segment-snapshot-at">
                <ClockCircleOutlined /> {t(s.kind === 'fixed' ? 'segments.detail.filledAt' : 'segments.detail.snapshotAt')}{' '}
                {formatDateTime(s.snapshotAt)}
              </span>
            )}
          </Space>
          {s.description && <div className="segment-header-description">{s.description}</div>}
        </div>
        {s.mayEdit ? (
          <Space wrap className="segment-actions">
            {s.kind === 'fixed' && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={onAddMembers} data-testid="segment-add-members">
                {t('segments.detail.addMembers')}
              </Button>
            )}
            {s.kind === 'snapshot' && (
              <Popconfirm
                title={t('segments.detail.resnapshotConfirm')}
                description={<div className="popconfirm-hint">{t('segments.detail.resnapshotHint')}</div>}
                onConfirm={commands.resnapshot}
              >
                <Button icon={<CameraOutlined />} loading={commands.resnapshotting} data-testid="segment-resnapshot">
                  {t('segments.detail.resnapshot')}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="segment-edit">
              {t('segments.detail.edit')}
            </Button>
            <Popconfirm
              title={t('segments.detail.deleteConfirm', { name: s.name })}
              description={<div className="popconfirm-hint">{t('segments.detail.deleteHint')}</div>}
              okButtonProps={{ danger: true }}
              onConfirm={commands.remove}
            >
              <Button danger icon={<DeleteOutlined />} loading={commands.removing} data-testid="segment-delete">
                {t('segments.detail.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <span className="muted segment-readonly" data-testid="segment-readonly">
            {t('segments.detail.readOnly')}
          </span>
        )}
      </div>
    </div>
  );
}
