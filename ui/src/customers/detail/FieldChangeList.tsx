import type { FieldChange, Value } from '../../ipc/client';
import './fieldChanges.css';

interface Props {
  changes: FieldChange[];
  fieldName: (field: string) => string;
  value: (field: string, value: Value | null) => string;
}

/** Each changed field as "field: old → new"; the caller knows how its fields and values read. */
export function FieldChangeList({ changes, fieldName, value }: Props) {
  if (changes.length === 0) return null;
  return (
    <ul className="history-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="history-field">{fieldName(c.field)}</span>:{' '}
          <span className="history-old">{value(c.field, c.old)}</span>
          <span className="history-arrow"> → </span>
          <span className="history-new">{value(c.field, c.new)}</span>
        </li>
      ))}
    </ul>
  );
}
