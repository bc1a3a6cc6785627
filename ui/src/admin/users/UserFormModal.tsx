import { App, Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type Role, type User } from '../../ipc/client';
import { ROLES } from '../../auth/RoleTag';
import { newPasswordRules } from '../../auth/passwordRules';
import { UnitSelect } from '../UnitSelect';
import { SaveModal } from '../../shell/SaveModal';

interface Values {
  login: string;
  displayName: string;
  role: Role;
  unitId: string;
  password: string;
}

/** Adds a user (with an initial password), or changes a user's name, role and unit. */
export function UserFormModal({ user, onSaved, onClose }: { user: User | null; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = { displayName: v.displayName.trim(), role: v.role, unitId: v.unitId };
      return user
        ? ipc.userUpdate(user.id, common)
        : ipc.userAdd({ ...common, login: v.login.trim(), password: v.password });
    },
    onSuccess: (saved) => {
      void message.success(t(user ? 'users.saved' : 'users.added', { name: saved.displayName }));
      onSaved();
      onClose();
    },
  });

  return (
    <SaveModal
      title={user ? t('users.edit') : t('users.add')}
      width={560}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.isError ? save.error : null}
      errorTitle={t('users.saveFailed')}
      errorTestId="user-form-error"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={{
          login: user?.login ?? '',
          displayName: user?.displayName ?? '',
          role: user?.role ?? 'sales',
          unitId: user?.unitId,
          password: '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <div className="form-grid-2">
          <Form.Item
            name="login"
            label={t('users.login')}
            extra={user ? undefined : t('auth.loginHint')}
            rules={[{ required: true, whitespace: true, message: t('auth.loginRequired') }]}
          >
            <Input disabled={user !== null} maxLength={50} autoComplete="off" data-testid="user-login" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}>
            <Input maxLength={100} data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
            <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
            <UnitSelect data-testid="user-unit" />
          </Form.Item>
        </div>
        {!user && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} rules={newPasswordRules(t)}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
      </Form>
    </SaveModal>
  );
}
