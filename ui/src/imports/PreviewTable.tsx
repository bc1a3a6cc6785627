import { Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, PreviewRow } from '../ipc/client';

/** The first rows as the file has them; a cell the core found wrong is red, its reason on hover. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const cellProblem = (row: PreviewRow, index: number) =>
    row.problems.filter((p) => p.column === index).map((p) => p.message).join('; ');
  const rowProblem = (row: PreviewRow) => row.problems.filter((p) => p.column === null).map((p) => p.message).join('; ');
  return (
    <Table<PreviewRow>
      rowKey="line"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={preview.rows}
      data-testid="import-preview"
      rowClassName={(row) => (row.problems.length > 0 ? 'import-row-bad' : '')}
      columns={[
        {
          key: 'line',
          title: t('imports.line'),
          width: 64,
          render: (_, row) => {
            const whole = rowProblem(row);
            return whole ? (
              <Tooltip title={whole}>
                <span className="import-cell-bad" data-testid="import-row-problem">{row.line}</span>
              </Tooltip>
            ) : (
              row.line
            );
          },
        },
        ...preview.header.map((h, index) => ({
          key: `c${index}`,
          title: h,
          render: (_: unknown, row: PreviewRow) => {
            const value = row.cells[index] ?? '';
            const problem = cellProblem(row, index);
            return problem ? (
              <Tooltip title={problem}>
                <span className="import-cell-bad" data-testid="import-cell-problem" data-problem={problem}>
                  {value || '∅'}
                </span>
              </Tooltip>
            ) : (
              <span className="import-cell">{value}</span>
            );
          },
        })),
      ]}
    />
  );
}
