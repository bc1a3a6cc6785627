import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildOrgTree, flattenOrgTree } from './orgTree';
import { useOrgUnits } from './queries';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  'data-testid'?: string;
}

/** Picks an org unit; the list is indented like the org tree. A Form.Item control. */
export function UnitSelect({ value, onChange, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const options = flattenOrgTree(buildOrgTree(units.data ?? [])).map((n) => ({
    value: n.unit.id,
    label: n.unit.name,
    depth: n.depth,
  }));
  return (
    <Select
      value={value}
      onChange={onChange}
      loading={units.isPending}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('users.unit')}
      optionRender={(o) => <span style={{ paddingInlineStart: (o.data.depth ?? 0) * 14 }}>{o.label}</span>}
      data-testid={testId}
    />
  );
}
