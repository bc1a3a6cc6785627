import { App, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc } from '../ipc/client';
import { confirmPasswordRules, newPasswordRules } from './passwordRules';
import { SaveModal } from '../shell/SaveModal';

interface Values {
  current: string;
  newPassword: string;
  confirm: string;
}

/** The signed-in user changes their own password; the core checks the current one. */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (v: Values) => ipc.authChangePassword(v.current, v.newPassword),
    onSuccess: () => {
      void message.success(t('auth.passwordChanged'));
      onClose();
    },
  });

  return (
    <SaveModal
      title={t('auth.changePassword')}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={change.isPending}
      error={change.isError ? change.error : null}
      errorTestId="change-password-error"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} data-testid="change-password-form">
        <Form.Item name="current" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password autoFocus autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['newPassword']} rules={confirmPasswordRules(t, 'newPassword')}>
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
