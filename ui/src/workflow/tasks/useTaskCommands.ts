import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Task } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Completing (or reopening) and deleting tasks, with what happened said in a message. */
export function useTaskCommands() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The core announces task changes too; asking at once shows them without waiting.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
  const refused = (e: unknown) => void message.error(t('workflow.tasks.refused', { message: errorMessage(e) }));

  const complete = useMutation({
    mutationFn: ({ task, done }: { task: Task; done: boolean }) => ipc.taskComplete(task.id, done),
    onSuccess: (task) => {
      refresh();
      void message.success(t(task.doneAt ? 'workflow.tasks.completed' : 'workflow.tasks.reopened', { title: task.title }));
    },
    onError: refused,
  });
  const remove = useMutation({
    mutationFn: (task: Task) => ipc.taskDelete(task.id),
    onSuccess: () => {
      refresh();
      void message.success(t('workflow.tasks.deleted'));
    },
    onError: refused,
  });

  return {
    complete: (task: Task, done: boolean) => complete.mutate({ task, done }),
    remove: (task: Task) => remove.mutate(task),
    busyId: complete.isPending ? complete.variables.task.id : remove.isPending ? remove.variables.id : null,
  };
}
