import { Button, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DuplicateClusters } from './DuplicateClusters';
import { MergeHistory } from './MergeHistory';
import './duplicates.css';

/** Customers › 查重: the likely duplicates to review and merge, and the merges made. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="page duplicates-page">
      <div className="page-toolbar">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/customers')} data-testid="duplicates-back">
          {t('duplicates.back')}
        </Button>
        <h1 className="page-title">{t('duplicates.title')}</h1>
      </div>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'clusters',
            label: <span data-testid="duplicates-tab-clusters">{t('duplicates.tabClusters')}</span>,
            children: <DuplicateClusters />,
          },
          {
            key: 'history',
            label: <span data-testid="duplicates-tab-history">{t('duplicates.tabHistory')}</span>,
            children: <MergeHistory />,
          },
        ]}
      />
    </div>
  );
}
