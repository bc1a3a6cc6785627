import { Alert, Button, Checkbox, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type User } from '../ipc/client';
import { AuthCard } from './AuthCard';
import { useStaySignedIn } from './useStaySignedIn';

interface Values {
  login: string;
  password: string;
  staySignedIn: boolean;
}

/**
 * The sign-in screen. A refusal shows the core's own sentence: it is deliberately the same for a
 * wrong name and a wrong password, and says how long to wait after repeated failures.
 */
export function SignInScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const staySignedIn = useStaySignedIn();
  const signIn = useMutation({
    mutationFn: async (v: Values) => {
      const user = await ipc.authSignIn(v.login.trim(), v.password);
      if (v.staySignedIn) await staySignedIn();
      return user;
    },
    onSuccess: onSignedIn,
    // The password is never kept after a failed try; the name is.
    onError: () => form.setFieldValue('password', ''),
  });

  return (
    <AuthCard title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      {signIn.isError && (
        <Alert
          type="error"
          showIcon
          className="auth-error"
          title={t('auth.signInFailed')}
          description={errorMessage(signIn.error)}
          data-testid="sign-in-error"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ login: '', password: '', staySignedIn: false }}
        onFinish={(v) => signIn.mutate(v)}
        data-testid="sign-in-form"
      >
        <Form.Item name="login" label={t('auth.login')} rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="sign-in-login" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        <Form.Item name="staySignedIn" valuePropName="checked" extra={t('auth.staySignedInHint')}>
          <Checkbox data-testid="sign-in-stay">{t('auth.staySignedIn')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending} data-testid="sign-in-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthCard>
  );
}
