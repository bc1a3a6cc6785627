/** Placeholder until built: the tasks and reminders on a record. */
export function RecordTasksCard(_props: { kind: 'customer' | 'lead' | 'opportunity' | 'ticket'; id: string; readOnly?: boolean }) {
  return null;
}
