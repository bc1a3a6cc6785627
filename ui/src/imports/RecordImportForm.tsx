import { useState } from 'react';
import { Alert, Button, Checkbox, Input } from 'antd';
import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';
import { EncodingSelect } from './EncodingSelect';
import type { Encoding } from './encodings';
import type { RecordKind } from './recordImports';
import { RecordImportResult } from './RecordImportResult';
import { useRecordImport } from './queries';

interface Props {
  kind: RecordKind;
}

/**
 * A file of contacts, leads or orders imported in one step: these commands match the columns by
 * their headers themselves, so there is no mapping to check first. All three take the same
 * choices: the encoding, skipping the rows with problems, and a dry run.
 */
export function RecordImportForm({ kind }: Props) {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const run = useRecordImport(kind);

  const start = (dryRun: boolean) => run.mutate({ path: path.trim(), choices: { encoding, skipInvalid, dryRun } });
  const ready = path.trim() !== '' && !run.isPending;
  const runningDry = run.isPending && run.variables.choices.dryRun;

  return (
    <div className="import-records" data-testid="import-record-form">
      <p className="muted" data-testid="import-record-hint">
        {t(`imports.records.${kind}.hint`)}
      </p>
      <div className="import-file">
        <Input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={t(`imports.records.${kind}.placeholder`)}
          aria-label={t('imports.path')}
          disabled={run.isPending}
          data-testid="import-path"
        />
        <EncodingSelect value={encoding} onChange={setEncoding} disabled={run.isPending} />
      </div>
      <div className="import-actions">
        <Checkbox
          checked={skipInvalid}
          onChange={(e) => setSkipInvalid(e.target.checked)}
          disabled={run.isPending}
          data-testid="import-skip-invalid"
        >
          {t('imports.skipInvalid')}
        </Checkbox>
        <div className="toolbar-spacer" />
        <Button icon={<ExperimentOutlined />} disabled={!ready} loading={runningDry} onClick={() => start(true)} data-testid="import-dry-run">
          {t('imports.dryRun')}
        </Button>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={!ready}
          loading={run.isPending && !runningDry}
          onClick={() => start(false)}
          data-testid="import-start"
        >
          {t('imports.start')}
        </Button>
      </div>
      {run.isError && (
        <Alert className="import-facts" type="error" showIcon title={t('imports.failed')} description={errorMessage(run.error)} data-testid="import-error" />
      )}
      {run.isSuccess && <RecordImportResult outcome={run.data} />}
    </div>
  );
}
