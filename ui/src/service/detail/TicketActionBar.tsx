import { useState } from 'react';
import { Button, Space } from 'antd';
import {
  CheckOutlined,
  EditOutlined,
  LockOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RedoOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Ticket, TicketAction } from '../../ipc/client';
import { useSupervisesTickets } from '../ticketQueries';
import { useTicketAct } from './useTicketAct';
import { AssignTicketModal } from './AssignTicketModal';
import { ActionNoteModal } from './ActionNoteModal';

/** The order the buttons stand in: the way a ticket usually goes. */
const ORDER: TicketAction[] = ['assign', 'start', 'resume', 'wait', 'resolve', 'close', 'reopen'];
/** These ask for an optional note (why, or what was done); the others happen at once. */
const WITH_NOTE: TicketAction[] = ['wait', 'resolve', 'close', 'reopen'];
const PRIMARY: TicketAction[] = ['start', 'resume', 'resolve'];
const ICONS: Record<TicketAction, ReactNode> = {
  assign: <UserAddOutlined />,
  start: <PlayCircleOutlined />,
  wait: <PauseCircleOutlined />,
  resume: <PlayCircleOutlined />,
  resolve: <CheckOutlined />,
  close: <LockOutlined />,
  reopen: <RedoOutlined />,
};

interface Props {
  ticket: Ticket;
  /** Whether to offer editing (the agent, managers and administrators). */
  mayEdit: boolean;
  onEdit: () => void;
}

/** Exactly the actions the core allows the signed-in user now, plus editing. */
export function TicketActionBar({ ticket, mayEdit, onEdit }: Props) {
  const { t } = useTranslation();
  const supervises = useSupervisesTickets();
  const [assigning, setAssigning] = useState(false);
  const [noting, setNoting] = useState<TicketAction | null>(null);
  const act = useTicketAct(ticket, () => {
    setAssigning(false);
    setNoting(null);
  });
  const allowed = ORDER.filter((a) => ticket.allowedActions.includes(a));
  // An agent who may "assign" an unassigned ticket may only take it himself.
  const taking = !supervises;

  const click = (action: TicketAction) => {
    if (action === 'assign') {
      if (taking) act.mutate({ action, taking: true });
      else setAssigning(true);
    } else if (WITH_NOTE.includes(action)) {
      setNoting(action);
    } else {
      act.mutate({ action });
    }
  };

  return (
    <Space wrap className="ticket-actions" data-testid="ticket-actions">
      {allowed.map((action) => {
        const label = action === 'assign' && taking ? 'take' : action;
        return (
          <Button
            key={action}
            type={PRIMARY.includes(action) || label === 'take' ? 'primary' : 'default'}
            icon={label === 'take' ? <UserOutlined /> : ICONS[action]}
            loading={act.isPending && act.variables?.action === action && !assigning && noting === null}
            onClick={() => click(action)}
            data-testid={`ticket-action-${label}`}
          >
            {t(`service.action.${label}`)}
          </Button>
        );
      })}
      {mayEdit && (
        <Button icon={<EditOutlined />} onClick={onEdit} data-testid="ticket-edit">
          {t('service.detail.edit')}
        </Button>
      )}
      {assigning && (
        <AssignTicketModal
          ticket={ticket}
          saving={act.isPending}
          onAssign={(assignee, note) => act.mutate({ action: 'assign', assignee, note })}
          onClose={() => setAssigning(false)}
        />
      )}
      {noting && (
        <ActionNoteModal
          ticket={ticket}
          action={noting}
          saving={act.isPending}
          onConfirm={(note) => act.mutate({ action: noting, note })}
          onClose={() => setNoting(null)}
        />
      )}
    </Space>
  );
}
