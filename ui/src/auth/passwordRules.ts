// The rules every "new password" field shares, so the forms agree with the core (at least 8
// characters) before it is asked, and a mistyped confirmation never reaches it.
import type { TFunction } from 'i18next';
import type { FormRule } from 'antd';

export const MIN_PASSWORD_LENGTH = 8;

export function newPasswordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('auth.passwordRequired') },
    { min: MIN_PASSWORD_LENGTH, message: t('auth.passwordTooShort') },
  ];
}

/** The confirmation must equal the field named `passwordField`. */
export function confirmPasswordRules(t: TFunction, passwordField: string): FormRule[] {
  return [
    { required: true, message: t('auth.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: (_, value) =>
        !value || getFieldValue(passwordField) === value
          ? Promise.resolve()
          : Promise.reject(new Error(t('auth.passwordMismatch'))),
    }),
  ];
}
