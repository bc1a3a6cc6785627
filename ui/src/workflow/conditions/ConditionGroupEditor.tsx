import { Button, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined, PartitionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Condition } from '../../ipc/client';
import {
  GROUP_MODES,
  childrenOf,
  isGroup,
  newTest,
  withChildren,
  withMode,
  type GroupCondition,
  type GroupMode,
} from './conditionModel';
import { ConditionTestRow } from './ConditionTestRow';
import type { BuilderEnv } from './builderEnv';

interface Props {
  group: GroupCondition;
  onChange: (group: GroupCondition) => void;
  /** Absent for the top group, which always stays. */
  onRemove?: () => void;
  depth: number;
  env: BuilderEnv;
}

/** One group: how its children combine, the children (tests and groups), and ways to add more. */
export function ConditionGroupEditor({ group, onChange, onRemove, depth, env }: Props) {
  const { t } = useTranslation();
  const children = childrenOf(group);
  const mode: GroupMode = group.kind;
  const set = (next: Condition[]) => onChange(withChildren(group, next));
  const replace = (index: number, child: Condition) => set(children.map((c, i) => (i === index ? child : c)));
  const remove = (index: number) => set(children.filter((_, i) => i !== index));
  const emptyText = mode === 'any' ? t('workflow.condition.emptyAny') : t('workflow.condition.emptyGroup');

  return (
    <div className={`condition-group condition-group-${mode}`} data-testid="condition-group" data-depth={depth}>
      <div className="condition-group-head">
        <Select<GroupMode>
          size="small"
          className="condition-group-mode"
          value={mode}
          disabled={env.disabled}
          onChange={(m) => onChange(withMode(group, m))}
          options={GROUP_MODES.map((m) => ({ value: m, label: t(`workflow.condition.${m}`) }))}
          data-testid="condition-group-mode"
          popupMatchSelectWidth={false}
        />
        <span className="condition-group-hint">{t(`workflow.condition.${mode}Hint`)}</span>
        {onRemove && !env.disabled && (
          <Tooltip title={t('workflow.condition.remove')}>
            <Button
              size="small"
              type="text"
              danger
              className="condition-group-remove"
              icon={<DeleteOutlined />}
              aria-label={t('workflow.condition.remove')}
              onClick={onRemove}
              data-testid="condition-remove-group"
            />
          </Tooltip>
        )}
      </div>
      <div className="condition-group-body">
        {children.length === 0 && <div className="condition-empty">{emptyText}</div>}
        {children.map((child, i) =>
          isGroup(child) ? (
            <ConditionGroupEditor
              // Children have no identity of their own; the position is what the user sees.
              key={i}
              group={child}
              onChange={(c) => replace(i, c)}
              onRemove={() => remove(i)}
              depth={depth + 1}
              env={env}
            />
          ) : (
            <ConditionTestRow key={i} test={child} onChange={(c) => replace(i, c)} onRemove={() => remove(i)} env={env} />
          ),
        )}
      </div>
      {!env.disabled && (
        <div className="condition-group-foot">
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => set([...children, newTest(env.fields)])}
            data-testid="condition-add-test"
          >
            {t('workflow.condition.addTest')}
          </Button>
          {depth < env.maxDepth && (
            <Button
              size="small"
              type="text"
              icon={<PartitionOutlined />}
              onClick={() => set([...children, { kind: mode === 'all' ? 'any' : 'all', items: [newTest(env.fields)] }])}
              data-testid="condition-add-group"
            >
              {t('workflow.condition.addGroup')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
