import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Progress, Space, Steps } from 'antd';
import { ExperimentOutlined, FileSearchOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  IpcFailure,
  errorMessage,
  type ImportMode,
  type ImportOptions,
  type ImportPreview,
  type MatchKey,
} from '../ipc/client';
import { MappingTable } from './MappingTable';
import { PreviewTable } from './PreviewTable';
import { ImportResult } from './ImportResult';
import { ImportModeFields } from './ImportModeFields';
import { EncodingSelect } from './EncodingSelect';
import { ENCODINGS, sourceOptions, type Encoding } from './encodings';
import { useCancelImport, useImportProgress, usePreview, useRunImport } from './queries';

type Mapping = Record<string, string | null>;
type How = { mode: ImportMode; key: MatchKey };

/**
 * Choose a file and whether it adds or updates customers, match its columns to fields (suggested
 * by the core from the headers, changeable here), see the first rows checked cell by cell, then
 * import (or dry-run) with a progress bar and a cancel. Every rule — matching, validation,
 * all-or-nothing — is the core's; this only asks.
 */
export function ImportWizard() {
  const { t } = useTranslation();
  const [path, setPath] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [mapping, setMapping] = useState<Mapping>({});
  const [how, setHow] = useState<How>({ mode: 'create', key: 'external_id' });
  const [skipInvalid, setSkipInvalid] = useState(false);
  // The last preview stays on screen while a new one (after a mapping change) is read.
  const [shown, setShown] = useState<ImportPreview | null>(null);
  const preview = usePreview();
  const run = useRunImport();
  const cancel = useCancelImport();
  const progress = useImportProgress(run.isPending);

  const options = (chosen: Mapping, dryRun = false, chosenHow = how): ImportOptions => ({
    skipInvalid,
    dryRun,
    mapping: chosen,
    source: sourceOptions(encoding),
    mode: chosenHow.mode,
    key: chosenHow.key,
  });
  const read = (chosen: Mapping, chosenHow = how) =>
    preview.mutate({ path, options: options(chosen, false, chosenHow) }, { onSuccess: (p) => setShown(p) });
  const readFile = () => {
    setMapping({});
    setShown(null);
    run.reset();
    read({});
  };
  const changeField = (header: string, field: string | null) => {
    const next = { ...mapping, [header]: field };
    setMapping(next);
    read(next);
  };
  // The columns the file needs (a name, or the key) depend on the mode: check them again.
  const changeHow = (mode: ImportMode, key: MatchKey) => {
    const next = { mode, key };
    setHow(next);
    if (shown || preview.isPending) {
      run.reset();
      read(mapping, next);
    }
  };
  const start = (dryRun: boolean) => run.mutate({ path, options: options(mapping, dryRun) });
  const restart = () => {
    setPath('');
    setMapping({});
    setShown(null);
    preview.reset();
    run.reset();
  };

  // After a finished import every step shows as done.
  const delimiterNames = t('imports.delimiters', { returnObjects: true });
  const delimiterName = (d: string | null) => (d === null ? '—' : (delimiterNames[d] ?? d));
  const step = run.isSuccess ? 3 : run.isPending || run.isError ? 2 : shown ? 1 : 0;
  const p = progress.data;
  const percent = p && p.bytesTotal > 0 ? Math.min(99, Math.floor((p.bytesRead / p.bytesTotal) * 100)) : 0;
  const cancelled = run.error instanceof IpcFailure && run.error.code === 'cancelled';
  const blocked = !shown || shown.mappingProblems.length > 0;

  return (
    <div className="import-wizard" data-testid="import-wizard">
      <Steps
        className="import-steps"
        size="small"
        current={step}
        items={[{ title: t('imports.stepFile') }, { title: t('imports.stepMap') }, { title: t('imports.stepRun') }]}
      />
      <p className="muted">{t('imports.fileHint')}</p>
      <div className="import-file">
        <Input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          onPressEnter={() => path.trim() && readFile()}
          placeholder={t('imports.pathPlaceholder')}
          aria-label={t('imports.path')}
          disabled={run.isPending}
          data-testid="import-path"
        />
        <EncodingSelect value={encoding} onChange={setEncoding} disabled={run.isPending} />
        <Button icon={<FileSearchOutlined />} disabled={!path.trim() || run.isPending} loading={preview.isPending && !shown} onClick={readFile} data-testid="import-read">
          {t('imports.read')}
        </Button>
      </div>
      <ImportModeFields mode={how.mode} matchKey={how.key} disabled={run.isPending} onChange={changeHow} />
      {preview.isError && (
        <Alert className="import-facts" type="error" showIcon title={t('imports.readFailed')} description={errorMessage(preview.error)} data-testid="import-read-error" />
      )}
      {shown && step === 1 && (
        <>
          <Alert
            className="import-facts"
            type="info"
            data-testid="import-facts"
            title={
              shown.source.encoding
                ? t('imports.readAsText', {
                    format: shown.source.format.toUpperCase(),
                    encoding: ENCODINGS.find((e) => e.value === shown.source.encoding)?.label ?? shown.source.encoding,
                    delimiter: delimiterName(shown.source.delimiter),
                  })
                : t('imports.readAs', { format: shown.source.format.toUpperCase() })
            }
          />
          {shown.mappingProblems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="import-mapping-problems"
              title={t('imports.mappingProblems')}
              description={
                <ul>
                  {shown.mappingProblems.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              }
            />
          )}
          <div className="import-section">
            <MappingTable preview={shown} onChange={changeField} />
          </div>
          <div className="import-section">
            <h3>{t('imports.preview', { count: shown.rows.length })}</h3>
            <PreviewTable preview={shown} />
          </div>
          <div className="import-actions">
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid">
              {t('imports.skipInvalid')}
            </Checkbox>
            <div className="toolbar-spacer" />
            <Button icon={<ExperimentOutlined />} disabled={blocked || preview.isPending} onClick={() => start(true)} data-testid="import-dry-run">
              {t('imports.dryRun')}
            </Button>
            <Button type="primary" icon={<UploadOutlined />} disabled={blocked || preview.isPending} onClick={() => start(false)} data-testid="import-start">
              {t('imports.start')}
            </Button>
          </div>
        </>
      )}
      {run.isPending && (
        <div className="import-progress" data-testid="import-progress">
          <Progress percent={percent} status="active" />
          <Space>
            <span className="muted">{t('imports.running', { rows: (p?.rows ?? 0).toLocaleString() })}</span>
            <Button danger icon={<StopOutlined />} loading={cancel.isPending} onClick={() => cancel.mutate()} data-testid="import-cancel">
              {t('imports.cancel')}
            </Button>
          </Space>
        </div>
      )}
      {cancelled && <Alert className="import-facts" type="info" showIcon title={t('imports.cancelled')} data-testid="import-cancelled" />}
      {run.isError && !cancelled && (
        <Alert className="import-facts" type="error" showIcon title={t('imports.failed')} description={errorMessage(run.error)} data-testid="import-error" />
      )}
      {run.isSuccess && (
        <ImportResult result={run.data} dryRun={run.variables.options.dryRun ?? false} mode={run.variables.options.mode ?? 'create'} />
      )}
      {(run.isSuccess || run.isError) && (
        <Button className="import-facts" onClick={restart} data-testid="import-again">
          {t('imports.again')}
        </Button>
      )}
    </div>
  );
}
