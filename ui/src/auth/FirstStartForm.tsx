import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type User } from '../ipc/client';
import { AuthCard } from './AuthCard';
import { confirmPasswordRules, newPasswordRules } from './passwordRules';
import { useStaySignedIn } from './useStaySignedIn';

interface Values {
  company: string;
  login: string;
  displayName: string;
  password: string;
  confirm: string;
  staySignedIn: boolean;
}

/** The first start of an installation without accounts: the company (top unit) and its administrator. */
export function FirstStartForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useTranslation();
  const staySignedIn = useStaySignedIn();
  const setup = useMutation({
    mutationFn: async (v: Values) => {
      // The core makes the first account an administrator of the new top unit whatever the
      // role and unit say; there is no unit to name yet.
      const user = await ipc.authSetup(v.company.trim(), {
        login: v.login.trim(),
        displayName: v.displayName.trim(),
        role: 'admin',
        unitId: '',
        password: v.password,
      });
      if (v.staySignedIn) await staySignedIn();
      return user;
    },
    onSuccess: onSignedIn,
  });

  return (
    <AuthCard title={t('auth.setupTitle')} subtitle={t('auth.setupSubtitle')} wide>
      {setup.isError && (
        <Alert
          type="error"
          showIcon
          className="auth-error"
          title={t('auth.setupFailed')}
          description={errorMessage(setup.error)}
          data-testid="setup-error"
        />
      )}
      <Form<Values>
        layout="vertical"
        requiredMark={false}
        initialValues={{ company: '', login: '', displayName: '', password: '', confirm: '', staySignedIn: false }}
        onFinish={(v) => setup.mutate(v)}
        data-testid="setup-form"
      >
        <Form.Item name="company" label={t('auth.company')} rules={[{ required: true, whitespace: true, message: t('auth.companyRequired') }]}>
          <Input autoFocus placeholder={t('auth.companyPlaceholder')} maxLength={100} data-testid="setup-company" />
        </Form.Item>
        <div className="form-grid-2">
          <Form.Item
            name="login"
            label={t('auth.login')}
            extra={t('auth.loginHint')}
            rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}
          >
            <Input autoComplete="username" maxLength={50} data-testid="setup-login" />
          </Form.Item>
          <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}>
            <Input maxLength={100} data-testid="setup-display-name" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={newPasswordRules(t)}>
            <Input.Password autoComplete="new-password" data-testid="setup-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['password']} rules={confirmPasswordRules(t, 'password')}>
            <Input.Password autoComplete="new-password" data-testid="setup-confirm" />
          </Form.Item>
        </div>
        <Form.Item name="staySignedIn" valuePropName="checked" extra={t('auth.staySignedInHint')}>
          <Checkbox data-testid="setup-stay">{t('auth.staySignedIn')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending} data-testid="setup-submit">
          {t('auth.setupSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
