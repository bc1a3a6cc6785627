import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomerImportResult, ImportMode, ImportReport } from '../ipc/client';
import { RejectedRows } from './RejectedRows';

interface Props {
  result: CustomerImportResult;
  dryRun: boolean;
  mode: ImportMode;
}

/** What went in: an update adds nobody, so it speaks only of the customers it changed. */
function summary(report: ImportReport, dryRun: boolean, mode: ImportMode, t: TFunction): string {
  const counts = { count: report.imported, updated: report.updated };
  if (mode === 'create') return dryRun ? t('imports.wouldImport', counts) : t('imports.imported', counts);
  if (mode === 'update') return dryRun ? t('imports.wouldUpdateOnly', counts) : t('imports.updatedOnly', counts);
  return dryRun ? t('imports.wouldImportUpdate', counts) : t('imports.importedUpdated', counts);
}

/** How an import ended: what went in or changed, and every rejected row with its reason. */
export function ImportResult({ result, dryRun, mode }: Props) {
  const { t } = useTranslation();
  const { report, rejectedFile } = result;
  const applied = report.batch !== null || dryRun;
  return (
    <div className="import-facts" data-testid="import-result">
      {applied ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-result-summary"
          title={summary(report, dryRun, mode, t)}
        />
      ) : (
        <Alert type="error" showIcon data-testid="import-result-summary" title={t('imports.nothingImported')} />
      )}
      <RejectedRows rejected={report.rejected} rejectedFile={rejectedFile} />
    </div>
  );
}
