import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerImportResult } from '../ipc/client';

/** How an import ended: what went in, and every rejected row with its reason. */
export function ImportResult({ result, dryRun }: { result: CustomerImportResult; dryRun: boolean }) {
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
          title={dryRun ? t('imports.wouldImport', { count: report.imported }) : t('imports.imported', { count: report.imported })}
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
