import { Tabs } from 'antd';
import { ApartmentOutlined, TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DimensionsPanel } from './DimensionsPanel';
import { TagsPanel } from './TagsPanel';
import './settings.css';

/** Classification settings: the dimensions customers are sorted by, and the tags they carry. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="page settings-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('settings.title')}</h1>
      </div>
      <Tabs
        className="settings-tabs"
        items={[
          {
            key: 'dimensions',
            label: t('settings.dimensions'),
            icon: <ApartmentOutlined />,
            children: <DimensionsPanel />,
          },
          { key: 'tags', label: t('settings.tags'), icon: <TagsOutlined />, children: <TagsPanel /> },
        ]}
      />
    </div>
  );
}
