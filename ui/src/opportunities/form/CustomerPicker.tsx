import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import './opportunityForm.css';

interface Props {
  value?: string;
  /** The picked customer's id, and its name as the picker shows it. */
  onChange?: (id: string, name: string) => void;
  /** The customer already chosen (editing, or the 360 page), shown before anything is searched. */
  initial?: { id: string; name: string };
  disabled?: boolean;
  autoFocus?: boolean;
  /** Forms other than the opportunity's name their own picker for tests. */
  testId?: string;
  /** Another prompt than "pick a customer" (e.g. the segment page's "why is … in it"). */
  placeholder?: string;
}

/** Picks a customer by typing any part of a name, phone, e-mail or company (the core's search); the
 * opportunity form and the new-ticket form use it. */
export function CustomerPicker({ value, onChange, initial, disabled, autoFocus, testId = 'opportunity-customer', placeholder }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  // Search once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: [...queryKeys.search(query), 'picker'],
    queryFn: () => ipc.searchCustomers(query, 20),
    enabled: query.length > 0,
  });
  const options = (hits.data ?? []).map((h) => ({
    value: h.id,
    label: h.name,
    detail: [h.company, h.city, h.phones[0]].filter(Boolean).join(' · '),
  }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name, detail: '' });

  return (
    <Select
      value={value}
      onChange={(id: string) => onChange?.(id, options.find((o) => o.value === id)?.label ?? '')}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={hits.isFetching}
      placeholder={placeholder ?? t('opportunities.form.customerPlaceholder')}
      notFoundContent={query ? t('opportunities.form.noCustomer') : t('opportunities.form.typeToSearch')}
      options={options}
      optionRender={(o) => (
        <div className="picker-option">
          <span>{o.data.label}</span>
          {o.data.detail && <span className="picker-option-detail">{o.data.detail}</span>}
        </div>
      )}
      autoFocus={autoFocus}
      data-testid={testId}
    />
  );
}
