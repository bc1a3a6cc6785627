import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import './auth.css';

/** The frame of the screens shown before anyone is signed in: brand, title, language switch. */
interface Props {
  title: string;
  subtitle: string;
  wide?: boolean;
  children: ReactNode;
}

export function AuthCard({ title, subtitle, wide = false, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="full-page auth-page">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <div className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
        <div className="auth-brand">
          <span className="app-brand-mark">客</span>
          <span className="app-brand-name">{t('app.name')}</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
      </div>
    </div>
  );
}
