import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Recipient } from '../../ipc/client';

export interface UserChoice {
  login: string;
  displayName: string;
}

interface Props {
  value: Recipient;
  onChange: (value: Recipient) => void;
  users: UserChoice[];
  disabled: boolean;
}

/** Who gets a task or a notification: the record's owner, or a named user. */
export function RecipientInput({ value, onChange, users, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <div className="recipient-input">
      <Select<Recipient['kind']>
        className="recipient-kind"
        value={value.kind}
        disabled={disabled}
        onChange={(kind) => onChange(kind === 'owner' ? { kind } : { kind, login: '' })}
        options={[
          { value: 'owner', label: t('workflow.action.owner') },
          { value: 'user', label: t('workflow.action.user') },
        ]}
        aria-label={t('workflow.action.recipient')}
        data-testid="action-recipient"
        popupMatchSelectWidth={false}
      />
      {value.kind === 'user' && (
        <UserSelect value={value.login || null} onChange={(login) => onChange({ kind: 'user', login: login ?? '' })} users={users} disabled={disabled} />
      )}
    </div>
  );
}

interface UserSelectProps {
  value: string | null;
  onChange: (login: string | null) => void;
  users: UserChoice[];
  disabled: boolean;
  /** Shown when empty; clearing is allowed only with it. */
  emptyLabel?: string;
}

/** A user by name; a stored login the list does not have (e.g. deactivated) still shows. */
export function UserSelect({ value, onChange, users, disabled, emptyLabel }: UserSelectProps) {
  const { t } = useTranslation();
  const options = users.map((u) => ({ value: u.login, label: `${u.displayName} (${u.login})` }));
  if (value && !users.some((u) => u.login === value)) options.push({ value, label: value });
  return (
    <Select<string>
      className="user-select"
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={Boolean(emptyLabel)}
      value={value ?? undefined}
      placeholder={emptyLabel ?? t('workflow.action.pickUser')}
      disabled={disabled}
      onChange={(v) => onChange(v ?? null)}
      options={options}
      data-testid="action-user"
    />
  );
}
