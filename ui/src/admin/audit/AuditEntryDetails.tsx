import type { AuditEntry } from '../../ipc/client';
import { historyFieldName } from '../../customers/detail/historyFormat';
import { FieldChangeList } from '../../customers/detail/FieldChangeList';
import { actionEntity, auditValue, type AuditContext } from './auditFormat';

/** What an entry says beyond its action: each changed field "old → new", or why it was refused. */
export function AuditEntryDetails({ entry, ctx }: { entry: AuditEntry; ctx: AuditContext }) {
  if (entry.changes.length > 0) {
    const entity = actionEntity(entry.action);
    return (
      <FieldChangeList
        changes={entry.changes}
        fieldName={(field) => historyFieldName(ctx, field)}
        value={(field, value) => auditValue(ctx, entity, field, value)}
      />
    );
  }
  return entry.detail ? <span className="audit-detail">{entry.detail}</span> : <span className="muted">—</span>;
}
