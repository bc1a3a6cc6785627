import { Card, Empty, Timeline } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StageChange } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { StageTag, outcomeColor } from '../stageDisplay';

/** Every move between stages, newest first, with who moved it and why it was lost. */
export function StageHistoryCard({ changes }: { changes: StageChange[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="section-card" title={t('opportunities.detail.history')} data-testid="stage-history">
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.detail.noHistory')} />
      ) : (
        <Timeline
          className="stage-history"
          items={changes.map((c, i) => ({
            key: `${c.at}-${i}`,
            color: outcomeColor(c.to.outcome),
            content: (
              <div className="stage-change" data-testid="stage-change">
                <div className="stage-change-move">
                  {c.from ? (
                    <>
                      <StageTag stage={c.from} /> <ArrowRightOutlined className="muted" /> <StageTag stage={c.to} />
                    </>
                  ) : (
                    <>
                      {t('opportunities.detail.createdIn')} <StageTag stage={c.to} />
                    </>
                  )}
                </div>
                <div className="stage-change-meta">
                  {formatDateTime(c.at)} · {c.actor}
                </div>
                {c.reason && <div className="stage-change-reason pre-wrap">{t('opportunities.detail.reason', { reason: c.reason })}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
