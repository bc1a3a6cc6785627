import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

/** antd's own texts (pickers, pagination, empty states) follow the app language. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? en_US : zh_CN;
  return (
    <ConfigProvider
      locale={locale}
      // A stray click beside a dialog must not throw away what was typed into it; dialogs close
      // by their own buttons or Esc.
      modal={{ mask: { closable: false } }}
      theme={{
        token: { colorPrimary: '#1f6feb', borderRadius: 6, fontFamily: FONT, fontSize: 13 },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', bodyBg: '#f4f6f9', headerPadding: '0 20px', headerHeight: 56 },
          Card: { headerFontSize: 14 },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
