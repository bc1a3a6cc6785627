import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Select, Skeleton, Space } from 'antd';
import { ApiOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, type SmtpSecurity, type SmtpSettings, type SmtpSettingsInput } from '../ipc/client';
import { useSaveSmtpSettings, useSmtpSettings, useTestSmtp } from './queries';
import './campaigns.css';

const SECURITIES: SmtpSecurity[] = ['start_tls', 'tls', 'none'];
const DEFAULT_PORTS: Record<SmtpSecurity, number> = { start_tls: 587, tls: 465, none: 25 };

interface SmtpDraft {
  host: string;
  port: number | null;
  security: SmtpSecurity;
  username: string;
  /** A new password; empty keeps the stored one. */
  password: string;
  removePassword: boolean;
}

function draftOf(saved: SmtpSettings | null): SmtpDraft {
  return {
    host: saved?.host ?? '',
    port: saved?.port ?? DEFAULT_PORTS.start_tls,
    security: saved?.security ?? 'start_tls',
    username: saved?.username ?? '',
    password: '',
    removePassword: false,
  };
}

/** An empty password keeps the stored one (null); removing it sends an empty one. */
function toSmtpInput(draft: SmtpDraft): SmtpSettingsInput {
  return {
    host: draft.host.trim(),
    port: draft.port ?? 0,
    security: draft.security,
    username: draft.username.trim() || null,
    password: draft.removePassword ? '' : draft.password === '' ? null : draft.password,
  };
}

function SmtpEditor({ saved }: { saved: SmtpSettings | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<SmtpDraft>(() => draftOf(saved));
  const save = useSaveSmtpSettings();
  const test = useTestSmtp();
  const edit = (patch: Partial<SmtpDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    save.reset();
  };
  // A port left at the old security's usual one follows the new security.
  const changeSecurity = (security: SmtpSecurity) =>
    edit({ security, port: draft.port === DEFAULT_PORTS[draft.security] ? DEFAULT_PORTS[security] : draft.port });

  const submit = () =>
    save.mutate(toSmtpInput(draft), {
      onSuccess: () => {
        setDraft((d) => ({ ...d, password: '', removePassword: false }));
        test.reset();
        void message.success(t('campaigns.smtp.saved'));
      },
    });

  return (
    <div className="smtp-settings" data-testid="smtp-settings">
      <p className="muted">{t('campaigns.smtp.intro')}</p>
      {saved === null && <Alert type="info" showIcon title={t('campaigns.smtp.notConfigured')} data-testid="smtp-not-configured" />}
      {save.isError && (
        <Alert type="error" showIcon title={t('campaigns.smtp.refused')} description={errorMessage(save.error)} data-testid="smtp-error" />
      )}
      <Form layout="vertical" className="smtp-form" onFinish={submit}>
        <div className="smtp-server-row">
          <Form.Item label={t('campaigns.smtp.host')} required className="smtp-host">
            <Input value={draft.host} onChange={(e) => edit({ host: e.target.value })} placeholder="smtp.example.com" data-testid="smtp-host" />
          </Form.Item>
          <Form.Item label={t('campaigns.smtp.port')} required>
            <InputNumber<number> min={1} max={65535} precision={0} value={draft.port} onChange={(port) => edit({ port })} data-testid="smtp-port" />
          </Form.Item>
          <Form.Item label={t('campaigns.smtp.security')} className="smtp-security">
            <Select<SmtpSecurity>
              value={draft.security}
              onChange={changeSecurity}
              options={SECURITIES.map((s) => ({ value: s, label: t(`campaigns.smtp.securityOptions.${s}`) }))}
              data-testid="smtp-security"
            />
          </Form.Item>
        </div>
        <div className="form-grid-2">
          <Form.Item label={t('campaigns.smtp.username')}>
            <Input
              value={draft.username}
              onChange={(e) => edit({ username: e.target.value })}
              placeholder={t('campaigns.smtp.usernamePlaceholder')}
              autoComplete="off"
              data-testid="smtp-username"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.smtp.password')}>
            <Input.Password
              value={draft.password}
              onChange={(e) => edit({ password: e.target.value, removePassword: false })}
              placeholder={saved?.hasPassword ? t('campaigns.smtp.passwordKeep') : t('campaigns.smtp.passwordNone')}
              autoComplete="new-password"
              disabled={draft.removePassword}
              data-testid="smtp-password"
            />
            {saved?.hasPassword && (
              <Checkbox
                checked={draft.removePassword}
                onChange={(e) => edit({ removePassword: e.target.checked, password: '' })}
                className="smtp-remove-password"
                data-testid="smtp-remove-password"
              >
                {t('campaigns.smtp.removePassword')}
              </Checkbox>
            )}
          </Form.Item>
        </div>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="smtp-save">
            {t('campaigns.smtp.save')}
          </Button>
          <Button
            icon={<ApiOutlined />}
            loading={test.isPending}
            disabled={saved === null}
            onClick={() => test.mutate()}
            data-testid="smtp-test"
          >
            {t('campaigns.smtp.test')}
          </Button>
          <span className="muted">{t('campaigns.smtp.testHint')}</span>
        </Space>
      </Form>
      {test.isSuccess && <Alert type="success" showIcon className="smtp-test-result" title={t('campaigns.smtp.testOk')} data-testid="smtp-test-ok" />}
      {test.isError && (
        <Alert
          type="error"
          showIcon
          className="smtp-test-result"
          title={t('campaigns.smtp.testFailed')}
          description={errorMessage(test.error)}
          data-testid="smtp-test-failed"
        />
      )}
    </div>
  );
}

/** Settings › 邮件服务器 (administrators): the SMTP server campaigns are sent through, and a test. */
export function SmtpSettingsPanel() {
  const { t } = useTranslation();
  const settings = useSmtpSettings(true);
  return (
    <div className="settings-panel" data-testid="smtp-panel">
      <h3 className="smtp-title">{t('campaigns.smtp.title')}</h3>
      {settings.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {settings.isError && <Alert type="error" showIcon title={t('campaigns.smtp.loadFailed', { message: errorMessage(settings.error) })} />}
      {settings.isSuccess && <SmtpEditor saved={settings.data} />}
    </div>
  );
}
