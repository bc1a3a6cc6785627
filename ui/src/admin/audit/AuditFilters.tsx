import { DatePicker, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../ipc/client';
import { useUsers } from '../queries';

const DAY = 'YYYY-MM-DD';

interface Props {
  filter: AuditFilter;
  onChange: (filter: AuditFilter) => void;
}

/**
 * Who, which record, which days, and whether to see only security events. The record id is
 * applied on Enter (or when cleared), not on every key: each change reads the log again.
 */
export function AuditFilters({ filter, onChange }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const set = (patch: Partial<AuditFilter>) => onChange({ ...filter, ...patch });
  const toDay = (d: Dayjs | null | undefined) => (d ? d.format(DAY) : null);

  return (
    <div className="audit-filters" data-testid="audit-filters">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        placeholder={t('audit.allUsers')}
        value={filter.login ?? undefined}
        onChange={(login?: string) => set({ login: login ?? null })}
        loading={users.isPending}
        options={(users.data ?? []).map((u) => ({ value: u.login, label: `${u.displayName} (${u.login})` }))}
        data-testid="audit-user"
      />
      <Input.Search
        allowClear
        style={{ width: 260 }}
        placeholder={t('audit.recordIdPlaceholder')}
        defaultValue={filter.recordId ?? ''}
        onSearch={(value) => set({ recordId: value.trim() || null })}
        aria-label={t('audit.recordId')}
        data-testid="audit-record"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        onChange={(range) => set({ from: toDay(range?.[0]), to: toDay(range?.[1]) })}
        aria-label={t('audit.dateRange')}
        data-testid="audit-dates"
      />
      <label className="audit-switch">
        <Switch
          size="small"
          checked={filter.securityOnly ?? false}
          onChange={(securityOnly) => set({ securityOnly })}
          data-testid="audit-security-only"
        />
        {t('audit.securityOnly')}
      </label>
    </div>
  );
}
