import { Card, Empty, Timeline } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LeadTransition } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { LeadStatusTag, STATUS_COLORS } from '../LeadStatusTag';

const DOT_COLORS: Record<string, string> = { default: 'gray', gold: 'orange', purple: 'purple', blue: 'blue', green: 'green', red: 'red' };

interface ItemProps {
  transition: LeadTransition;
  /** Sign-in names the page knows a person's name for (the current owner's). */
  names: Map<string, string>;
}

function TransitionItem({ transition: tr, names }: ItemProps) {
  const { t } = useTranslation();
  return (
    <div className="lead-transition" data-testid="lead-transition">
      <div className="lead-transition-head">
        <span className="lead-transition-action">{t(`leads.action.${tr.action}`)}</span>
        {tr.from && (
          <>
            <LeadStatusTag status={tr.from} />
            <ArrowRightOutlined className="muted" />
          </>
        )}
        <LeadStatusTag status={tr.to} />
      </div>
      <div className="lead-transition-meta">
        {formatDateTime(tr.at)} · {tr.actor}
        {tr.owner && <> · {t('leads.transitions.owner', { name: names.get(tr.owner) ?? tr.owner })}</>}
      </div>
      {tr.reason && <div className="lead-transition-reason pre-wrap">{t('leads.transitions.reason', { reason: tr.reason })}</div>}
    </div>
  );
}

/** The lead's story of statuses and owners, newest first. */
export function TransitionsCard({ transitions, names }: { transitions: LeadTransition[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="section-card" title={t('leads.transitions.title')} data-testid="lead-transitions">
      {transitions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leads.transitions.empty')} />
      ) : (
        <Timeline
          className="lead-transition-timeline"
          items={transitions.map((tr, i) => ({
            key: `${tr.at}-${i}`,
            color: DOT_COLORS[STATUS_COLORS[tr.to]],
            content: <TransitionItem transition={tr} names={names} />,
          }))}
        />
      )}
    </Card>
  );
}
