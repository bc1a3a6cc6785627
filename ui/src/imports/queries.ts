// The import wizard's calls. Preview and import read the file by path in the core; while an
// import runs, its progress is polled (the core counts the bytes and rows it has read).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc, type ImportOptions } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

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

export function useRevertImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (batch: string) => ipc.importRevert(batch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.importHistory }),
  });
}
