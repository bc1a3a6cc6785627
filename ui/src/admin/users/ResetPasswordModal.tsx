import { App, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type User } from '../../ipc/client';
import { confirmPasswordRules, newPasswordRules } from '../../auth/passwordRules';
import { SaveModal } from '../../shell/SaveModal';

interface Values {
  password: string;
  confirm: string;
}

/** An administrator sets a new password for someone who forgot theirs. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useMutation({
    mutationFn: (v: Values) => ipc.userResetPassword(user.id, v.password),
    onSuccess: () => {
      void message.success(t('users.passwordReset', { name: user.displayName }));
      onClose();
    },
  });

  return (
    <SaveModal
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={reset.isPending}
      error={reset.isError ? reset.error : null}
    >
      <Typography.Paragraph type="secondary">{t('users.initialPasswordHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => reset.mutate(v)} data-testid="reset-password-form">
        <Form.Item name="password" label={t('auth.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoFocus autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['password']} rules={confirmPasswordRules(t, 'password')}>
          <Input.Password autoComplete="new-password" data-testid="reset-confirm" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
