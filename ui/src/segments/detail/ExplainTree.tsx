// Why a customer is or is not in a segment: the definition's groups and tests as the core
// evaluated them for the customer, each test with the customer's own value and a ✓ or ✗.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ConditionField, ExplainNode, Language, TestOutcome } from '../../ipc/client';
import { currentLanguage } from '../../i18n';
import { fieldLabel } from '../../classification/labels';
import { formatDateTime } from '../../customers/display';
import { findConditionField } from '../../workflow/conditions/conditionModel';
import type { SegmentOption } from '../../workflow/conditions/builderEnv';
import '../../workflow/conditions/conditionBuilder.css';

/** What the words need: the fields' labels and options, and the segments' names. */
export interface ExplainContext {
  fields: ConditionField[];
  segments: SegmentOption[];
}

export function HeldMark({ held }: { held: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={held ? 'explain-mark explain-mark-held' : 'explain-mark explain-mark-failed'}
      data-testid="explain-held"
      data-held={held}
      role="img"
      aria-label={t(held ? 'segments.explain.held' : 'segments.explain.failed')}
    >
      {held ? <CheckCircleFilled /> : <CloseCircleFilled />}
    </span>
  );
}

/** One stored value in words: a segment's name, an option's label, a day, an amount in yuan. */
function valueWords(t: TFunction, value: string, field: ConditionField | undefined, context: ExplainContext, language: Language) {
  if (field?.kind === 'membership') return context.segments.find((s) => s.id === value)?.name ?? value;
  const option = field?.options.find((o) => o.key === value);
  if (option) return fieldLabel(option, language);
  if (field?.kind === 'date' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (field?.kind === 'aggregate' && field.key.endsWith('amount')) return `${value} ${t('workflow.condition.yuan')}`;
  return value;
}

function opWords(t: TFunction, outcome: TestOutcome, field: ConditionField | undefined): string {
  if (field?.kind === 'date' && (outcome.op === 'gt' || outcome.op === 'lt')) return t(`workflow.condition.dateOps.${outcome.op}`);
  return t(`workflow.condition.ops.${outcome.op}`);
}

/** The customer's value as the core reported it (several segment ids or tags come comma-joined). */
function actualWords(t: TFunction, outcome: TestOutcome, field: ConditionField | undefined, context: ExplainContext, language: Language) {
  if (outcome.actual === null || outcome.actual === '') return t('segments.explain.noValue');
  const parts = field?.kind === 'membership' ? outcome.actual.split(',').map((p) => p.trim()) : [outcome.actual];
  return parts.map((p) => valueWords(t, p, field, context, language)).join(t('workflow.condition.listSeparator'));
}

function TestLine({ outcome, context }: { outcome: TestOutcome; context: ExplainContext }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const field = findConditionField(context.fields, outcome.field);
  const values = outcome.values.map((v) => valueWords(t, v, field, context, language)).join(t('workflow.condition.listSeparator'));
  const windowText =
    field?.kind === 'aggregate'
      ? outcome.windowDays != null
        ? t('segments.explain.window', { days: outcome.windowDays })
        : t('segments.explain.allOrders')
      : null;
  return (
    <div className={outcome.held ? 'explain-test explain-test-held' : 'explain-test explain-test-failed'} data-testid="explain-test" data-held={outcome.held}>
      <HeldMark held={outcome.held} />
      <span className="explain-test-words">
        <span className="explain-field" data-testid="explain-field">
          {field ? fieldLabel(field, language) : outcome.field}
        </span>{' '}
        <span className="explain-op">{opWords(t, outcome, field)}</span>{' '}
        {values && <span className="explain-values">{values}</span>}
        {windowText && <span className="explain-window"> · {windowText}</span>}
      </span>
      <span className="explain-actual" data-testid="explain-actual">
        {t('segments.explain.actual', { value: actualWords(t, outcome, field, context, language) })}
      </span>
    </div>
  );
}

/**
 * A group's children as the builder shows them: "none of" is stored as not(any(…)), so its
 * children are the any group's.
 */
function shownChildren(node: ExplainNode): ExplainNode[] {
  if (node.group === 'not' && node.children.length === 1 && node.children[0].group === 'any') return node.children[0].children;
  return node.children;
}

function NodeView({ node, context, root }: { node: ExplainNode; context: ExplainContext; root: boolean }) {
  const { t } = useTranslation();
  if (node.test) return <TestLine outcome={node.test} context={context} />;
  const group = node.group ?? 'all';
  const children = shownChildren(node);
  if (root && children.length === 0) {
    return <div className="explain-empty muted">{t('segments.explain.noConditions')}</div>;
  }
  return (
    <div className={`condition-group condition-group-${group} explain-group`} data-testid="explain-group" data-group={group} data-held={node.held}>
      <div className="explain-group-head">
        <HeldMark held={node.held} />
        <span className="explain-group-name">{t(`segments.explain.groups.${group}`)}</span>
      </div>
      <div className="explain-group-body">
        {children.map((child, i) => (
          // The children have no identity of their own; their place is what the user sees.
          <NodeView key={i} node={child} context={context} root={false} />
        ))}
      </div>
    </div>
  );
}

/** The whole explanation tree. */
export function ExplainTree({ tree, context }: { tree: ExplainNode; context: ExplainContext }) {
  return (
    <div className="explain-tree" data-testid="explain-tree">
      <NodeView node={tree} context={context} root />
    </div>
  );
}
