import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../ipc/client';
import { Amount, CloseDate, StageTag } from '../../opportunities/stageDisplay';

/** The caller's opportunities: what is being sold to them, so the agent does not spoil it. */
export function CallerOpportunities({ opportunities }: { opportunities: Opportunity[] }) {
  const { t } = useTranslation();
  if (opportunities.length === 0) return <div className="caller-empty-line">{t('desk.caller.noOpportunities')}</div>;
  return (
    <div className="caller-rows">
      {opportunities.map((o) => (
        <div key={o.id} className="caller-opportunity" data-testid="caller-opportunity">
          <div className="caller-ticket-main">
            <Link to={`/opportunities/${o.id}`} className="caller-ticket-subject">
              {o.name}
            </Link>
            <div className="caller-ticket-meta">
              <CloseDate date={o.expectedClose} open={o.stage.outcome === 'open'} /> · {o.ownerName}
            </div>
          </div>
          <StageTag stage={o.stage} />
          <Amount minor={o.amount} currency={o.currency} className="amount caller-amount" />
        </div>
      ))}
    </div>
  );
}
