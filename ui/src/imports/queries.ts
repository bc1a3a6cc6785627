// The import page's calls. Every file is read by path in the core; while a customer import runs,
// its progress is polled (the core counts the bytes and rows it has read).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc, type ImportOptions } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { RECORD_IMPORTS, recordKindOf, type RecordChoices, type RecordKind } from './recordImports';

export function usePreview() {
  return useMutation({
    mutationFn: ({ path, options }: { path: string; options: ImportOptions }) => ipc.customerImportPreview(path, options),
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, options }: { path: string; options: ImportOptions }) => ipc.customerImport(path, options),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.importHistory }),
  });
}

/** The running import's progress, every few hundred milliseconds while `running`. */
export function useImportProgress(running: boolean) {
  return useQuery({
    queryKey: queryKeys.importProgress,
    queryFn: () => ipc.importProgress(),
    enabled: running,
    refetchInterval: running ? 300 : false,
  });
}

export function useCancelImport() {
  return useMutation({ mutationFn: () => ipc.importCancel() });
}

export function useImportHistory() {
  return useQuery({ queryKey: queryKeys.importHistory, queryFn: () => ipc.importHistory() });
}

/**
 * Reverts a batch. The core's change event after a revert names one kind of record, so a batch of
 * contacts, leads or orders also refreshes what its import would.
 */
export function useRevertImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (batch: string) => ipc.importRevert(batch),
    onSuccess: (done) => {
      const kind = recordKindOf(done.entity);
      for (const queryKey of kind ? RECORD_IMPORTS[kind].invalidates : []) void queryClient.invalidateQueries({ queryKey });
      return queryClient.invalidateQueries({ queryKey: queryKeys.importHistory });
    },
  });
}

/** Imports a file of contacts, leads or orders; an applied import refreshes what it touched. */
export function useRecordImport(kind: RecordKind) {
  const queryClient = useQueryClient();
  const { run, invalidates } = RECORD_IMPORTS[kind];
  return useMutation({
    mutationFn: ({ path, choices }: { path: string; choices: RecordChoices }) => run(path, choices),
    onSuccess: (outcome) => {
      if (!outcome.applied || outcome.dryRun) return;
      for (const queryKey of invalidates) void queryClient.invalidateQueries({ queryKey });
    },
  });
}
