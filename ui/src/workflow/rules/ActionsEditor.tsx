import type { ReactNode } from 'react';
import { Button, Dropdown, Tooltip } from 'antd';
import {
  BellOutlined,
  CheckSquareOutlined,
  CloseOutlined,
  EditOutlined,
  InboxOutlined,
  PlusOutlined,
  TagOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RuleAction } from '../../ipc/client';
import { actionKindsFor, newAction, type ActionKind } from './ruleModel';
import { ActionFields, type ActionEnv } from './ActionFields';

const ICONS: Record<ActionKind, ReactNode> = {
  set_field: <EditOutlined />,
  assign: <UserSwitchOutlined />,
  add_tag: <TagOutlined />,
  create_task: <CheckSquareOutlined />,
  notify: <BellOutlined />,
  return_to_pool: <InboxOutlined />,
};

interface Props {
  actions: RuleAction[];
  onChange: (actions: RuleAction[]) => void;
  env: ActionEnv;
}

/** The rule's actions in the order they run; the kinds offered are those the record allows. */
export function ActionsEditor({ actions, onChange, env }: Props) {
  const { t } = useTranslation();
  const replace = (index: number, action: RuleAction) => onChange(actions.map((a, i) => (i === index ? action : a)));
  const remove = (index: number) => onChange(actions.filter((_, i) => i !== index));

  return (
    <div className="actions-editor" data-testid="actions-editor">
      {actions.length === 0 && <div className="condition-empty">{t('workflow.action.none')}</div>}
      {actions.map((action, i) => (
        // Actions have no identity of their own; the position is what the user sees.
        <div className="action-row" key={i} data-testid="action-row" data-kind={action.kind}>
          <div className="action-kind">
            {ICONS[action.kind]} {t(`workflow.action.kinds.${action.kind}`)}
          </div>
          <ActionFields action={action} onChange={(a) => replace(i, a)} env={env} />
          {!env.disabled && (
            <Tooltip title={t('workflow.action.remove')}>
              <Button
                size="small"
                type="text"
                icon={<CloseOutlined />}
                aria-label={t('workflow.action.remove')}
                onClick={() => remove(i)}
                data-testid="action-remove"
              />
            </Tooltip>
          )}
        </div>
      ))}
      {!env.disabled && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: actionKindsFor(env.entity).map((kind) => ({
              key: kind,
              icon: ICONS[kind],
              label: <span data-testid={`action-add-${kind}`}>{t(`workflow.action.kinds.${kind}`)}</span>,
            })),
            onClick: ({ key }) => onChange([...actions, newAction(key as ActionKind, env.entity)]),
          }}
        >
          <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="action-add" className="action-add">
            {t('workflow.action.add')}
          </Button>
        </Dropdown>
      )}
    </div>
  );
}
