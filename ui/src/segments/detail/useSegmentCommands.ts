import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type CustomerListRow, type Segment } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** Deleting, taking again and removing a member; each says what happened or the core's refusal. */
export function useSegmentCommands(segment: Segment) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // The core announces segment changes too; asking at once shows them without waiting.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.segments });
  const refused = (e: unknown) => void message.error(t('segments.detail.refused', { message: errorMessage(e) }));

  const remove = useMutation({
    mutationFn: () => ipc.segmentDelete(segment.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.segment(segment.id) });
      refresh();
      void message.success(t('segments.detail.deleted', { name: segment.name }));
      void navigate('/segments');
    },
    onError: refused,
  });

  const resnapshot = useMutation({
    mutationFn: () => ipc.segmentResnapshot(segment.id),
    onSuccess: (saved) => {
      refresh();
      void message.success(t('segments.detail.resnapshotDone', { name: saved.name }));
    },
    onError: refused,
  });

  const removeMember = useMutation({
    mutationFn: (row: CustomerListRow) => ipc.segmentRemoveMembers(segment.id, [row.id]),
    onSuccess: (_, row) => {
      refresh();
      void message.success(t('segments.members.removed', { name: row.name }));
    },
    onError: refused,
  });

  return {
    remove: () => remove.mutate(),
    removing: remove.isPending,
    resnapshot: () => resnapshot.mutate(),
    resnapshotting: resnapshot.isPending,
    removeMember: (row: CustomerListRow) => removeMember.mutate(row),
    removingMemberId: removeMember.isPending ? removeMember.variables.id : null,
  };
}
