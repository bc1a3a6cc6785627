import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../ipc/client';
import { useAgents } from '../ticketQueries';
import { AgentSelect } from '../form/AgentSelect';

interface Props {
  ticket: Ticket;
  saving: boolean;
  /** `assignee` null: the routing chooses. */
  onAssign: (assignee: string | null, note: string | null) => void;
  onClose: () => void;
}

/** A manager gives the ticket to an agent by name, or (no name) lets the routing choose one. */
export function AssignTicketModal({ ticket, saving, onAssign, onClose }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const [agent, setAgent] = useState<string | null>(null);
  const [note, setNote] = useState('');
  // The current agent is not a choice: giving it to them again changes nothing.
  const choices = (agents.data ?? []).filter((a) => a.login.toLowerCase() !== ticket.assignee?.toLowerCase());

  return (
    <Modal
      open
      title={t('service.assign.title', { number: ticket.number })}
      onCancel={onClose}
      onOk={() => onAssign(agent, note.trim() || null)}
      okText={t('service.assign.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'assign-ok' }}
      confirmLoading={saving}
    >
      <Form layout="vertical" data-testid="assign-ticket-form">
        <Form.Item label={t('service.assign.agent')} extra={agent ? undefined : t('service.assign.routingHint')}>
          <AgentSelect
            agents={choices}
            loading={agents.isPending}
            value={agent}
            onChange={setAgent}
            placeholder={t('service.assign.routing')}
            testId="assign-agent"
          />
        </Form.Item>
        <Form.Item label={t('service.assign.note')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('service.assign.notePlaceholder')}
            data-testid="assign-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
