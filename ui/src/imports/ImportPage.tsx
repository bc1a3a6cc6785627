import { Button, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';
import { ImportHistory } from './ImportHistory';
import './imports.css';

/** Customers › 导入: the wizard and the history of imports. */
export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
          { key: 'import', label: <span data-testid="import-tab-file">{t('imports.tabImport')}</span>, children: <ImportWizard /> },
          { key: 'history', label: <span data-testid="import-tab-history">{t('imports.tabHistory')}</span>, children: <ImportHistory /> },
        ]}
      />
    </div>
  );
}
