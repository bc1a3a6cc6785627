import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordImportOutcome } from './recordImports';
import { RejectedRows } from './RejectedRows';

interface Props {
  outcome: RecordImportOutcome;
}

/** How an import of contacts, leads or orders ended: the counts, or why nothing went in. */
export function RecordImportResult({ outcome }: Props) {
  const { t } = useTranslation();
  const refusal = outcome.dryRun ? 'imports.dryRunRefused' : 'imports.nothingImported';
  return (
    <div className="import-facts" data-testid="import-result">
      {outcome.applied ? (
        <Alert type="success" showIcon data-testid="import-result-summary" title={outcome.summary(t)} />
      ) : (
        <Alert type="error" showIcon data-testid="import-result-summary" title={t(refusal)} />
      )}
      <RejectedRows rejected={outcome.rejected} rejectedFile={outcome.rejectedFile} />
    </div>
  );
}
