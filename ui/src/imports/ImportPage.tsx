import { useState } from 'react';
import { Button, Segmented, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';
import { RecordImportForm } from './RecordImportForm';
import { ImportHistory } from './ImportHistory';
import type { RecordKind } from './recordImports';
import './imports.css';

type What = 'customers' | RecordKind;
const WHATS: What[] = ['customers', 'contacts', 'leads', 'orders'];

/** Customers › 导入: what to import (customers by default, with the wizard) and the history. */
export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Kept here so that a look at the history does not forget what was being imported.
  const [what, setWhat] = useState<What>('customers');
  const importTab = (
    <>
      <Segmented<What>
        className="import-what"
        aria-label={t('imports.what')}
        value={what}
        onChange={setWhat}
        options={WHATS.map((w) => ({ value: w, label: t(`imports.kinds.${w}`) }))}
        data-testid="import-what"
      />
      {/* A new kind starts from an empty form. */}
      {what === 'customers' ? <ImportWizard /> : <RecordImportForm key={what} kind={what} />}
    </>
  );
  return (
    <div className="page import-page">
      <div className="page-toolbar">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/customers')} data-testid="import-back">
          {t('imports.back')}
        </Button>
        <h1 className="page-title">{t('imports.title')}</h1>
      </div>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'import', label: <span data-testid="import-tab-file">{t('imports.tabImport')}</span>, children: importTab },
          { key: 'history', label: <span data-testid="import-tab-history">{t('imports.tabHistory')}</span>, children: <ImportHistory /> },
        ]}
      />
    </div>
  );
}
