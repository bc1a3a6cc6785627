import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';

interface Props {
  /** The opportunity being lost, named in the question. */
  name: string;
  saving: boolean;
  /** Why the core refused the last attempt, if it did. */
  error?: unknown;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/** Asks why an opportunity was lost before it is moved there (the core refuses without a reason). */
export function LostReasonModal({ name, saving, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = () => {
    if (reason.trim()) onSubmit(reason.trim());
  };
  return (
    <Modal
      open
      title={t('opportunities.lost.title')}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          danger
          loading={saving}
          disabled={!reason.trim()}
          onClick={submit}
          data-testid="lost-reason-submit"
        >
          {t('opportunities.lost.submit')}
        </Button>,
      ]}
    >
      {error != null && <Alert type="error" showIcon className="save-modal-error" title={errorMessage(error)} />}
      <Typography.Paragraph type="secondary">{t('opportunities.lost.question', { name })}</Typography.Paragraph>
      <Input.TextArea
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onPressEnter={(e) => {
          // Enter submits; Shift+Enter starts a new line.
          if (!e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={500}
        showCount
        placeholder={t('opportunities.lost.placeholder')}
        data-testid="lost-reason-input"
      />
    </Modal>
  );
}
