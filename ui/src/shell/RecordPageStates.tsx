import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, isFailure } from '../ipc/client';

/** A record page while its record loads. */
export function RecordLoading() {
  return (
    <div className="page page-center">
      <Spin />
    </div>
  );
}

interface FailedProps {
  error: unknown;
  /** The title when the record does not exist (or no longer does). */
  notFoundTitle: string;
  backLabel: string;
  backTo: string;
}

/** A record page whose record could not be read: not found, refused or failed, with a way back. */
export function RecordLoadFailed({ error, notFoundTitle, backLabel, backTo }: FailedProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const missing = isFailure(error, 'not_found');
  return (
    <div className="page page-center">
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? notFoundTitle : t('common.error')}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => void navigate(backTo)}>{backLabel}</Button>}
      />
    </div>
  );
}
