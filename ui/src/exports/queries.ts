// The export's one call: the core writes the file at the path the user typed and counts what it
// wrote. Nothing cached changes, so nothing is refreshed.
import { useMutation } from '@tanstack/react-query';
import { ipc, type CustomerFilter, type ExportFormat, type ExportKind } from '../ipc/client';

export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  /** The customer list's filter, for customers only; null: every record of the kind. */
  filter: CustomerFilter | null;
  path: string;
}

export function useExportToFile() {
  return useMutation({
    mutationFn: ({ kind, format, filter, path }: ExportRequest) => ipc.exportToFile(kind, format, filter, path),
  });
}
