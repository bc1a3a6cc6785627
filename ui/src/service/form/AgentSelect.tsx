import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agent } from '../../ipc/client';

interface Props {
  agents: Agent[];
  loading?: boolean;
  value?: string | null;
  onChange?: (login: string | null) => void;
  /** What no choice means, e.g. "let the routing choose". */
  placeholder: string;
  testId: string;
}

/** Picks an agent, showing each one's team and open tickets so the load can be seen. */
export function AgentSelect({ agents, loading, value, onChange, placeholder, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'search' }}
      loading={loading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder}
      options={agents.map((a) => ({
        value: a.login,
        search: `${a.displayName} ${a.login}`,
        label: t('service.agent.option', { name: a.displayName || a.login, unit: a.unitName, count: a.openTickets }),
      }))}
      data-testid={testId}
    />
  );
}
