import { useState } from 'react';
import { Alert, Button, DatePicker, Form, InputNumber, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';
import type { RecomputeInput } from './queries';
import { useTierLabels } from './rfmDisplay';

interface Props {
  /** The window the next recompute uses when none is typed (the settings'). */
  windowDays: number | undefined;
  /** Whether the recompute writes the tiers into the customers (unknown while settings load). */
  writeTier: boolean | undefined;
  running: boolean;
  /** Why the core refused the last attempt, if it did. */
  error: unknown;
  onRun: (input: RecomputeInput) => void;
  onCancel: () => void;
}

/** Asks for the optional as-of day and window of a recompute, and says what it will overwrite. */
export function RecomputeModal({ windowDays, writeTier, running, error, onRun, onCancel }: Props) {
  const { t } = useTranslation();
  const tiers = useTierLabels();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const run = () => onRun({ asOf: asOf?.format('YYYY-MM-DD') ?? null, windowDays: days });
  return (
    <Modal
      open
      title={t('rfm.recompute.title')}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="run" type="primary" loading={running} onClick={run} data-testid="rfm-recompute-run">
          {t('rfm.recompute.run')}
        </Button>,
      ]}
    >
      {error != null && (
        <Alert
          type="error"
          showIcon
          className="save-modal-error"
          title={t('rfm.recompute.failed')}
          description={errorMessage(error)}
          data-testid="rfm-recompute-error"
        />
      )}
      <Form layout="vertical" className="rfm-recompute-form">
        <Form.Item label={t('rfm.recompute.asOf')} extra={t('rfm.recompute.asOfHint')}>
          <DatePicker
            value={asOf}
            onChange={(v) => setAsOf(v)}
            format="YYYY-MM-DD"
            placeholder={t('rfm.recompute.asOfPlaceholder')}
            data-testid="rfm-recompute-as-of"
          />
        </Form.Item>
        <Form.Item label={t('rfm.recompute.window')} extra={t('rfm.recompute.windowHint')}>
          <InputNumber<number>
            min={1}
            max={3650}
            precision={0}
            value={days}
            onChange={(v) => setDays(v)}
            placeholder={windowDays === undefined ? undefined : t('rfm.recompute.windowPlaceholder', { count: windowDays })}
            className="rfm-window-input"
            data-testid="rfm-recompute-window"
          />
        </Form.Item>
      </Form>
      {writeTier !== undefined && (
        <Typography.Paragraph type={writeTier ? 'warning' : 'secondary'} className="rfm-recompute-note">
          {t(writeTier ? 'rfm.recompute.writesTier' : 'rfm.recompute.keepsTier', { field: tiers.title })}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
