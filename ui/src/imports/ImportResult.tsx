import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CustomerImportResult, ImportMode, ImportReport } from '../ipc/client';

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
  const rejected = report.rejected;
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
      {rejected.length > 0 && (
        <Alert
          className="import-facts"
          type="warning"
          showIcon
          data-testid="import-rejected"
          title={t('imports.rejectedTitle', { count: rejected.length })}
          description={
            <>
              {rejectedFile && <p data-testid="import-rejected-file">{t('imports.rejectedFile', { path: rejectedFile })}</p>}
              <ul className="import-rejected">
                {rejected.slice(0, 200).map((r) => (
                  <li key={r.line}>
                    {t('imports.line')} {r.line}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
    </div>
  );
}
