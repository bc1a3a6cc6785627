import type { ReactNode } from 'react';
import { Checkbox, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer, Language } from '../ipc/client';
import { useLiveFields, useTagList } from '../classification/queries';
import { TagList } from '../classification/TagList';
import { formatDateTime } from '../customers/display';
import { historyFieldName } from '../customers/detail/historyFormat';
import { needsChoice, selectedFor, unionOf, type MergeChoices } from './mergeModel';
import { MergeValue } from './MergeValue';

type KeptList = 'phones' | 'emails' | 'tagIds';

interface Row {
  key: string;
  /** A field to choose a value of, or a list the survivor keeps whole. */
  field: string;
  kept?: KeptList;
}

interface Props {
  /** Every member of the cluster, in its order (oldest first). */
  members: Customer[];
  fields: string[];
  choices: MergeChoices;
  onSurvivor: (id: string) => void;
  onInclude: (id: string, included: boolean) => void;
  onPick: (field: string, id: string) => void;
}

/** The members side by side: one column each, one row per field, a radio where they differ. */
export function MergeTable({ members, fields, choices, onSurvivor, onInclude, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { all } = useLiveFields();
  const tags = useTagList();
  const { survivorId, included } = choices;
  const isIncluded = (c: Customer) => included.some((i) => i.id === c.id);
  const label = (field: string) => historyFieldName({ t, language, fields: all, tags }, field);

  const rows: Row[] = [
    ...fields.map((field) => ({ key: field, field })),
    ...(['phones', 'emails', 'tagIds'] as const).map((kept) => ({ key: kept, field: kept, kept })),
  ];

  const keptCell = (kept: KeptList): ReactNode => {
    const values = unionOf(included, (c) => c[kept]);
    return (
      <span className="merge-kept" data-testid={`merge-kept-${kept}`}>
        {values.length === 0 && <span className="muted">{t('common.none')}</span>}
        {kept === 'tagIds' ? <TagList tagIds={values} tags={tags} /> : values.map((v) => <span key={v}>{v}</span>)}
        <Tag variant="filled">{t('duplicates.allKept')}</Tag>
      </span>
    );
  };

  const cell = (row: Row, member: Customer, index: number): ReactNode => {
    if (row.kept) return index === 0 ? keptCell(row.kept) : null;
    const value = <MergeValue customer={member} field={row.field} fields={all} />;
    if (!needsChoice(row.field, included)) return value;
    return (
      <Radio
        checked={isIncluded(member) && selectedFor(row.field, choices) === member.id}
        disabled={!isIncluded(member)}
        onChange={() => onPick(row.field, member.id)}
        data-testid={`merge-pick-${row.field}-${index}`}
      >
        {value}
      </Radio>
    );
  };

  const columns: TableColumnsType<Row> = [
    { key: 'field', title: t('duplicates.field'), width: 110, render: (_, row) => label(row.field) },
    ...members.map((member, index) => ({
      key: member.id,
      title: (
        <div className="merge-member" data-testid={`merge-member-${index}`}>
          <strong>{member.name}</strong>
          <span className="muted">{t('duplicates.created', { at: formatDateTime(member.createdAt) })}</span>
          <Radio
            checked={member.id === survivorId}
            onChange={() => onSurvivor(member.id)}
            data-testid={`merge-survivor-${index}`}
          >
            {t('duplicates.keep')}
          </Radio>
          <Checkbox
            checked={isIncluded(member)}
            disabled={member.id === survivorId}
            onChange={(e) => onInclude(member.id, e.target.checked)}
            data-testid={`merge-include-${index}`}
          >
            {t('duplicates.include')}
          </Checkbox>
        </div>
      ),
      // The kept lists are one union, so their first cell spans every member's column.
      onCell: (row: Row) => (row.kept ? { colSpan: index === 0 ? members.length : 0 } : {}),
      className: isIncluded(member) ? undefined : 'merge-left-out',
      render: (_: unknown, row: Row) => cell(row, member, index),
    })),
  ];

  // No `scroll`/`fixed`: the table would then copy every header, radios included, into a hidden
  // row to measure it; the wrapper scrolls instead.
  return (
    <div className="merge-table">
      <Table<Row>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={columns}
        data-testid="merge-table"
      />
    </div>
  );
}
