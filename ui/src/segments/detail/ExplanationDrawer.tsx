import { Alert, Descriptions, Drawer, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type ExplainNode, type Segment } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useSegmentExplanation } from '../queries';
import { ExplainTree, HeldMark, type ExplainContext } from './ExplainTree';

function countOutcomes(node: ExplainNode): number {
  return node.test ? 1 : node.children.reduce((n, child) => n + countOutcomes(child), 0);
}

interface Props {
  segment: Segment;
  /** The customer to explain; the drawer is closed while none. */
  customerId: string | null;
  context: ExplainContext;
  onClose: () => void;
}

/** Why one customer is or is not in the segment: membership on top, then the evaluated conditions. */
export function ExplanationDrawer({ segment, customerId, context, onClose }: Props) {
  const { t } = useTranslation();
  const explanation = useSegmentExplanation(segment.id, customerId);
  const e = explanation.data;
  const stored = segment.kind !== 'dynamic';
  // With no conditions (a fixed segment filled by hand) "matches now" says nothing.
  const tested = e ? countOutcomes(e.tree) > 0 : false;

  return (
    <Drawer
      open={customerId !== null}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={e ? t('segments.explain.title', { name: e.customerName }) : t('segments.members.why')}
    >
      <div className="segment-explanation" data-testid="segment-explanation">
        {explanation.isPending && <Spin />}
        {explanation.isError && (
          <Alert type="error" showIcon title={t('segments.explain.loadFailed', { message: errorMessage(explanation.error) })} />
        )}
        {e && (
          <>
            <div className="explain-summary">
              <Link to={`/customers/${e.customerId}`} className="explain-customer">
                {e.customerName}
              </Link>
              <Tag color={e.member ? 'green' : 'default'} data-testid="explain-member" data-member={e.member}>
                {e.member ? t('segments.explain.member') : t('segments.explain.notMember')}
              </Tag>
            </div>
            {stored && (
              <Descriptions size="small" column={1} className="explain-facts" data-testid="explain-facts">
                {e.member && (
                  <>
                    <Descriptions.Item label={t('segments.explain.addedAt')}>
                      <span data-testid="explain-added-at">{e.addedAt ? formatDateTime(e.addedAt) : t('common.none')}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('segments.explain.addedBy')}>
                      <span data-testid="explain-added-by">{e.addedBy ?? t('common.none')}</span>
                    </Descriptions.Item>
                  </>
                )}
                {tested && (
                  <Descriptions.Item label={t('segments.explain.matchesNow')}>
                    <span className="explain-matches" data-testid="explain-matches-now" data-held={e.matchesNow}>
                      <HeldMark held={e.matchesNow} /> {e.matchesNow ? t('segments.explain.matchesYes') : t('segments.explain.matchesNo')}
                    </span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            )}
            {stored && e.member && (!tested || !e.matchesNow) && (
              <div className="explain-note muted" data-testid="explain-manual">
                {t('segments.explain.manual')}
              </div>
            )}
            <ExplainTree tree={e.tree} context={context} />
          </>
        )}
      </div>
    </Drawer>
  );
}
