// The backup panel's reads and writes. Restoring only stages the file; the app restarts to finish.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

export function useBackups() {
  return useQuery({ queryKey: queryKeys.backups, queryFn: () => ipc.backupList() });
}

export function useCreateBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ipc.backupCreate(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.backups }),
  });
}

export function useCheckBackup() {
  return useMutation({ mutationFn: (path: string) => ipc.backupCheck(path) });
}

export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (path: string) => ipc.backupRestore(path),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.backups }),
  });
}

export function useRestartApp() {
  return useMutation({ mutationFn: () => ipc.appRestart() });
}
