import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../ipc/client';
import { useLeadAct } from './useLeadAct';

interface Props {
  leadId: string;
  /** The two actions the core takes only with a reason. */
  action: 'mark_invalid' | 'void';
  onClose: () => void;
}

/** Asks why before marking a lead invalid or voiding it. */
export function ReasonModal({ leadId, action, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const act = useLeadAct(leadId, { onDone: onClose });
  return (
    <Modal
      open
      title={t(`leads.reason.${action}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`leads.action.${action}`)}
      okButtonProps={{ danger: action === 'void', 'data-testid': 'lead-reason-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`leads.reason.${action}Hint`)}</Typography.Paragraph>
      {act.isError && <Alert type="error" showIcon title={errorMessage(act.error)} className="save-modal-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => act.mutate({ action, reason: v.reason.trim(), assignee: null })}
      >
        <Form.Item
          name="reason"
          label={t('leads.reason.label')}
          rules={[{ required: true, whitespace: true, message: t('leads.reason.required') }]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={500}
            showCount
            placeholder={t(`leads.reason.${action}Placeholder`)}
            data-testid="lead-reason-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
