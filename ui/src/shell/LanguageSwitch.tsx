import { App, Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../ipc/client';
import { applyLanguage, currentLanguage } from '../i18n';

/** Toggles 中文 / English: the screen switches at once, the choice is saved by the core. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const toggle = async () => {
    const next = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
    await applyLanguage(next);
    try {
      await ipc.settingsSetLanguage(next);
    } catch (e) {
      void message.error(t('app.languageSaveFailed', { message: errorMessage(e) }));
    }
  };

  return (
    <Button
      data-testid="language-switch"
      icon={<GlobalOutlined />}
      title={t('app.switchLanguageTitle')}
      onClick={() => void toggle()}
    >
      {t('app.switchLanguage')}
    </Button>
  );
}
