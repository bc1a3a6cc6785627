import { useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, type CustomerFilter, type ExportFormat, type ExportKind } from '../ipc/client';
import { useExportToFile } from './queries';

const FORMATS: { value: ExportFormat; label: string; extension: string }[] = [
  { value: 'csv', label: 'CSV', extension: 'csv' },
  { value: 'xlsx', label: 'Excel (.xlsx)', extension: 'xlsx' },
  { value: 'vcard', label: 'vCard', extension: 'vcf' },
];

/** The core writes vCards of people only; it refuses them for the other kinds. */
export function formatsOf(kind: ExportKind): ExportFormat[] {
  return kind === 'customers' || kind === 'contacts' ? ['csv', 'xlsx', 'vcard'] : ['csv', 'xlsx'];
}

/** What a page can export; the first is chosen first, a choice is offered when there are more. */
export type ExportKinds = [ExportKind, ...ExportKind[]];

interface Props {
  kinds: ExportKinds;
  /** The customer list's filter, when one narrows it. */
  customerFilter?: CustomerFilter;
  onClose: () => void;
}

/**
 * Asks what to export, in which format and to which file (a typed path: the app has no native file
 * picker), then has the core write it. A refusal stays in the dialog with what was entered.
 */
export function ExportDialog({ kinds, customerFilter, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ExportKind>(kinds[0]);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [path, setPath] = useState('');
  // The list's filter applies to customers; it is on unless the user asks for all of them.
  const [onlyFiltered, setOnlyFiltered] = useState(true);
  const filterOffered = customerFilter !== undefined && kind === 'customers';
  const exportFile = useExportToFile();

  const offered = FORMATS.filter((f) => formatsOf(kind).includes(f.value));
  const changeKind = (next: ExportKind) => {
    setKind(next);
    if (!formatsOf(next).includes(format)) setFormat('csv');
  };
  const extension = FORMATS.find((f) => f.value === format)?.extension ?? format;
  const example = `/home/me/${t(`exports.kinds.${kind}`)}.${extension}`;
  const ready = path.trim() !== '' && !exportFile.isPending;
  const run = () => {
    if (!ready) return;
    const target = path.trim();
    exportFile.mutate(
      { kind, format, filter: filterOffered && onlyFiltered ? customerFilter : null, path: target },
      {
        onSuccess: (count) => {
          void message.success(t('exports.done', { count, path: target }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('exports.title')}
      onCancel={onClose}
      onOk={run}
      okText={t('exports.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={exportFile.isPending}
      okButtonProps={{ disabled: path.trim() === '', 'data-testid': 'export-confirm' }}
      destroyOnHidden
    >
      {exportFile.isError && (
        <Alert
          type="error"
          showIcon
          className="save-modal-error"
          title={t('exports.failed')}
          description={errorMessage(exportFile.error)}
          data-testid="export-error"
        />
      )}
      <Form layout="vertical" data-testid="export-form">
        {kinds.length > 1 && (
          <Form.Item label={t('exports.what')}>
            <Radio.Group
              value={kind}
              onChange={(e) => changeKind(e.target.value as ExportKind)}
              options={kinds.map((k) => ({ value: k, label: t(`exports.kinds.${k}`) }))}
              data-testid="export-kind"
            />
          </Form.Item>
        )}
        {filterOffered && (
          <Form.Item>
            <Checkbox
              checked={onlyFiltered}
              onChange={(e) => setOnlyFiltered(e.target.checked)}
              data-testid="export-filtered"
            >
              {t('exports.onlyFiltered')}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item label={t('exports.format')}>
          <Radio.Group
            value={format}
            onChange={(e) => setFormat(e.target.value as ExportFormat)}
            options={offered.map((f) => ({ value: f.value, label: f.label }))}
            data-testid="export-format"
          />
        </Form.Item>
        <Form.Item label={t('exports.path')}>
          <Input
            autoFocus
            value={path}
            onChange={(e) => setPath(e.target.value)}
            onPressEnter={run}
            placeholder={t('exports.pathPlaceholder', { example })}
            data-testid="export-path"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" data-testid="export-note">
        {t('exports.note')}
      </Typography.Paragraph>
    </Modal>
  );
}
