import { useState, type ReactNode } from 'react';
import { Button, Popconfirm, Space, type ButtonProps } from 'antd';
import {
  CloseCircleOutlined,
  DeleteOutlined,
  RedoOutlined,
  RollbackOutlined,
  SwapOutlined,
  UndoOutlined,
  UserAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Lead, LeadAction } from '../../ipc/client';
import { useLeadAct } from './useLeadAct';
import { ReasonModal } from './ReasonModal';
import { AssignModal } from './AssignModal';

/** The bar's order: taking the lead first, then working it, then ending it; convert last. */
const ORDER: LeadAction[] = ['claim', 'assign', 'reopen', 'return', 'mark_invalid', 'void', 'restore', 'convert'];
const ICONS: Partial<Record<LeadAction, ReactNode>> = {
  claim: <UserAddOutlined />,
  assign: <UserSwitchOutlined />,
  reopen: <RedoOutlined />,
  return: <RollbackOutlined />,
  mark_invalid: <CloseCircleOutlined />,
  void: <DeleteOutlined />,
  restore: <UndoOutlined />,
  convert: <SwapOutlined />,
};
/** The actions that only need a yes. */
type ConfirmedAction = 'claim' | 'reopen' | 'restore' | 'return';
const CONFIRMED: LeadAction[] = ['claim', 'reopen', 'restore', 'return'] satisfies ConfirmedAction[];
const isConfirmed = (action: LeadAction): action is ConfirmedAction => CONFIRMED.includes(action);

interface Props {
  lead: Lead;
  onConvert: () => void;
}

/**
 * A button for exactly each action the core allows the signed-in user on this lead now;
 * follow-ups have their own form beside it.
 */
export function LeadActionBar({ lead, onConvert }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'assign' | 'mark_invalid' | 'void' | null>(null);
  const act = useLeadAct(lead.id, { toastErrors: true });
  const actions = ORDER.filter((a) => lead.allowedActions.includes(a));

  const button = (action: LeadAction, props: ButtonProps = {}) => (
    <Button
      key={action}
      icon={ICONS[action]}
      data-testid={`lead-action-${action}`}
      loading={act.isPending && act.variables.action === action}
      {...props}
    >
      {t(`leads.action.${action}`)}
    </Button>
  );

  return (
    <Space wrap className="lead-action-bar" data-testid="lead-action-bar">
      {actions.map((action) => {
        if (action === 'convert') return button(action, { type: 'primary', onClick: onConvert });
        if (isConfirmed(action)) {
          return (
            <Popconfirm
              key={action}
              title={t(`leads.confirm.${action}`)}
              description={<div className="popconfirm-hint">{t(`leads.confirm.${action}Hint`)}</div>}
              okText={t(`leads.action.${action}`)}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'lead-confirm-ok' }}
              onConfirm={() => act.mutate({ action, reason: null, assignee: null })}
            >
              {button(action, { type: action === 'claim' ? 'primary' : 'default' })}
            </Popconfirm>
          );
        }
        if (action === 'assign' || action === 'mark_invalid' || action === 'void') {
          return button(action, { danger: action === 'void', onClick: () => setAsking(action) });
        }
        return null;
      })}
      {asking === 'assign' && <AssignModal lead={lead} onClose={() => setAsking(null)} />}
      {(asking === 'mark_invalid' || asking === 'void') && (
        <ReasonModal leadId={lead.id} action={asking} onClose={() => setAsking(null)} />
      )}
    </Space>
  );
}
