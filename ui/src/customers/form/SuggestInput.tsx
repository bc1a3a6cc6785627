import { useState } from 'react';
import { AutoComplete } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

interface Props {
  valueKey: 'owner' | 'province' | 'city';
  value?: string | null;
  onChange?: (value: string) => void;
  'data-testid'?: string;
}

/** Free text that suggests the values other customers already hold, so spellings stay alike. */
export function SuggestInput({ valueKey, value, onChange, 'data-testid': testId }: Props) {
  const [wanted, setWanted] = useState(false);
  const values = useQuery({
    queryKey: queryKeys.distinctValues(valueKey),
    queryFn: () => ipc.customerDistinctValues(valueKey),
    enabled: wanted,
  });
  const typed = (value ?? '').trim().toLowerCase();
  const options = (values.data ?? [])
    .filter((v) => v.toLowerCase().includes(typed) && v !== value)
    .slice(0, 50)
    .map((v) => ({ value: v }));
  return (
    <AutoComplete
      data-testid={testId}
      value={value ?? ''}
      options={options}
      onFocus={() => setWanted(true)}
      onChange={(v: string) => onChange?.(v)}
    />
  );
}
