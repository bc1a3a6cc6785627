import type { ReactNode } from 'react';
import { Alert, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';

interface Props {
  title: ReactNode;
  width?: number;
  /** The OK button: submits the form inside (which validates, then saves). */
  onSave: () => void;
  onClose: () => void;
  saving: boolean;
  /** Why the core refused the last save (null: it did not); the form keeps what was typed. */
  error: unknown;
  /** A heading above the core's sentence; without it the sentence is the heading. */
  errorTitle?: ReactNode;
  errorTestId?: string;
  children: ReactNode;
}

/** A dialog holding a form that is saved through the core: save/cancel, busy state, refusal. */
export function SaveModal({ title, width, onSave, onClose, saving, error, errorTitle, errorTestId, children }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onClose}
      onOk={onSave}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
    >
      {error != null && (
        <Alert
          type="error"
          showIcon
          className="save-modal-error"
          title={errorTitle ?? errorMessage(error)}
          description={errorTitle ? errorMessage(error) : undefined}
          data-testid={errorTestId}
        />
      )}
      {children}
    </Modal>
  );
}
