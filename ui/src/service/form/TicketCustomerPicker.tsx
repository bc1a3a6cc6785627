import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
}

/** Picks the customer a ticket is for by any part of a name, pinyin, phone or company (the core's search). */
export function TicketCustomerPicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  // Search once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  const hits = useQuery({
    queryKey: [...queryKeys.search(query), 'ticket-picker'],
    queryFn: () => ipc.searchCustomers(query, 20),
    enabled: query.length > 0,
  });
  const options = (hits.data ?? []).map((h) => ({
    value: h.id,
    label: h.name,
    detail: [h.company, h.city, h.phones[0]].filter(Boolean).join(' · '),
  }));

  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={hits.isFetching}
      placeholder={t('service.form.customerPlaceholder')}
      notFoundContent={query ? t('service.form.noMatches') : null}
      options={options}
      optionRender={(o) => (
        <div className="ticket-picker-option">
          <span>{o.data.label}</span>
          {o.data.detail && <span className="ticket-picker-option-detail">{o.data.detail}</span>}
        </div>
      )}
      data-testid="new-ticket-customer"
      autoFocus
    />
  );
}
