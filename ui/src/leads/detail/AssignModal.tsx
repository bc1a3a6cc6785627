import { Alert, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Assignee, type Lead } from '../../ipc/client';
import { useAssignees } from '../leadQueries';
import { useLeadAct } from './useLeadAct';

interface AssigneeOption {
  value: string;
  label: string;
  disabled: boolean;
  assignee: Assignee;
}

interface Props {
  lead: Lead;
  onClose: () => void;
}

/**
 * Gives the lead to someone. The core lists only the people who work the lead's territory, with
 * their open leads; those at the pool's limit are shown but cannot be picked.
 */
export function AssignModal({ lead, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ assignee: string }>();
  const assignees = useAssignees(lead.id);
  const act = useLeadAct(lead.id, { onDone: onClose });
  const error = act.error ?? assignees.error;
  return (
    <Modal
      open
      title={t('leads.assign.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.action.assign')}
      okButtonProps={{ 'data-testid': 'lead-assign-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('leads.assign.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} className="save-modal-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => act.mutate({ action: 'assign', reason: null, assignee: v.assignee })}
      >
        <Form.Item name="assignee" label={t('leads.assign.assignee')} rules={[{ required: true, message: t('leads.assign.required') }]}>
          <Select<string, AssigneeOption>
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isPending}
            placeholder={t('leads.assign.pick')}
            notFoundContent={assignees.isSuccess ? t('leads.assign.none') : undefined}
            data-testid="lead-assignee-select"
            options={(assignees.data ?? []).map((a) => ({
              value: a.login,
              label: `${a.displayName} ${a.login}`,
              disabled: a.atLimit && a.login !== lead.owner,
              assignee: a,
            }))}
            optionRender={({ data }) => (
              <div className="assignee-option" data-testid="lead-assignee-option">
                <Space size={6}>
                  <span className="assignee-name">{data.assignee.displayName}</span>
                  <span className="muted">{data.assignee.unitName}</span>
                  {data.assignee.login === lead.owner && <Tag>{t('leads.assign.current')}</Tag>}
                </Space>
                <Space size={4}>
                  <span className="muted">{t('leads.assign.openLeads', { count: data.assignee.openLeads })}</span>
                  {data.assignee.atLimit && <Tag color="orange">{t('leads.assign.atLimit')}</Tag>}
                </Space>
              </div>
            )}
            labelRender={({ value }) => {
              const a = assignees.data?.find((x) => x.login === value);
              return a ? `${a.displayName} · ${a.unitName}` : value;
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
