import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportMode, MatchKey } from '../ipc/client';

const IMPORT_MODES: ImportMode[] = ['create', 'update', 'upsert'];
const MATCH_KEYS: MatchKey[] = ['external_id', 'email', 'phone'];

/** The history keeps the mode as text; one the UI does not know is shown as stored. */
export function isImportMode(mode: string): mode is ImportMode {
  return (IMPORT_MODES as string[]).includes(mode);
}

interface Props {
  mode: ImportMode;
  matchKey: MatchKey;
  disabled: boolean;
  onChange: (mode: ImportMode, matchKey: MatchKey) => void;
}

/**
 * Whether the file adds customers, updates stored ones or both, and what a row is matched by,
 * with what an update changes and keeps. The core enforces all of it; this only says it.
 */
export function ImportModeFields({ mode, matchKey, disabled, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="import-mode" data-testid="import-mode-fields">
      <div className="import-mode-controls">
        <span>{t('imports.mode')}</span>
        <Select<ImportMode>
          value={mode}
          onChange={(m) => onChange(m, matchKey)}
          style={{ width: 160 }}
          aria-label={t('imports.mode')}
          disabled={disabled}
          options={IMPORT_MODES.map((m) => ({ value: m, label: t(`imports.modes.${m}`) }))}
          data-testid="import-mode"
        />
        {/* A new customer is matched by nothing, so the key only counts for an update. */}
        <span>{t('imports.key')}</span>
        <Select<MatchKey>
          value={matchKey}
          onChange={(k) => onChange(mode, k)}
          style={{ width: 140 }}
          aria-label={t('imports.key')}
          disabled={disabled || mode === 'create'}
          options={MATCH_KEYS.map((k) => ({ value: k, label: t(`imports.keys.${k}`) }))}
          data-testid="import-key"
        />
      </div>
      <p className="muted import-mode-hint" data-testid="import-mode-hint">
        {t(`imports.modeHints.${mode}`)}
      </p>
    </div>
  );
}
