import { Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../ipc/client';
import { IGNORE, fieldLabel } from './fieldLabels';

interface Props {
  preview: ImportPreview;
  onChange: (header: string, field: string | null) => void;
}

interface Row {
  index: number;
  header: string;
  field: string | null;
  samples: string;
}

/** One line per column of the file: its header, a few values, and the field it fills. */
export function MappingTable({ preview, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const options = [
    { value: IGNORE, label: t('imports.ignore') },
    ...preview.fields.map((f) => ({ value: f.key, label: `${fieldLabel(f, t, i18n.language)} (${f.key})` })),
  ];
  const rows: Row[] = preview.columns.map((c, index) => ({
    index,
    header: c.header,
    field: c.field,
    samples: preview.rows
      .map((r) => r.cells[index] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, 3)
      .join(' · '),
  }));
  const unmatched = (header: string) => preview.mappingProblems.some((p) => p.includes(`'${header}'`));
  return (
    <Table<Row>
      rowKey="index"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="import-mapping"
      columns={[
        { key: 'header', title: t('imports.column'), render: (_, r) => <strong>{r.header}</strong> },
        { key: 'samples', title: t('imports.samples'), render: (_, r) => <span className="import-samples">{r.samples}</span> },
        {
          key: 'field',
          title: t('imports.field'),
          width: 260,
          render: (_, r) => (
            <Select
              className="import-field-select"
              data-testid={`import-field-${r.index}`}
              value={r.field ?? (unmatched(r.header) ? undefined : IGNORE)}
              placeholder={t('imports.unmatched')}
              status={r.field === null && unmatched(r.header) ? 'error' : undefined}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v: string) => onChange(r.header, v === IGNORE ? null : v)}
            />
          ),
        },
      ]}
    />
  );
}
