import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The header's search field is only a door: typing happens in the palette, which opens on a
 * click, on focus (e.g. by Tab) or on the first key pressed here.
 */
export function GlobalSearchBox({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Input
      data-testid="global-search"
      className="global-search"
      readOnly
      prefix={<SearchOutlined />}
      placeholder={t('app.searchPlaceholder')}
      onClick={onOpen}
      onFocus={onOpen}
      onKeyDown={(e) => {
        if (e.key.length === 1 || e.key === 'Enter') onOpen();
      }}
    />
  );
}
