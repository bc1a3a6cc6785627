import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RejectedRow } from '../ipc/client';

/** A long list is cut here: the rejected-rows file (or the file itself) holds the rest. */
const SHOWN = 200;

interface Props {
  rejected: RejectedRow[];
  /** Where the core saved the rejected rows with their reasons, if it did. */
  rejectedFile?: string | null;
}

/** Every row an import turned down, by the line it starts on, with the core's reason. */
export function RejectedRows({ rejected, rejectedFile = null }: Props) {
  const { t } = useTranslation();
  if (rejected.length === 0) return null;
  return (
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
            {rejected.slice(0, SHOWN).map((r) => (
              <li key={r.line}>
                {t('imports.line')} {r.line}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      }
    />
  );
}
