import { App, Button, Popconfirm } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** A manager's button: hand out the pool by the assignment rules and say how many went. */
export function AssignPoolButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const assign = useMutation({
    mutationFn: () => ipc.leadAssignPool(),
    onSuccess: (count) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.leads });
      void message.success(t('leads.list.assignedByRules', { count }));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Popconfirm
      title={t('leads.list.assignPoolConfirm')}
      description={<div className="popconfirm-hint">{t('leads.list.assignPoolHint')}</div>}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'lead-assign-pool-confirm' }}
      onConfirm={() => assign.mutate()}
    >
      <Button icon={<ThunderboltOutlined />} loading={assign.isPending} data-testid="lead-assign-pool">
        {t('leads.list.assignPool')}
      </Button>
    </Popconfirm>
  );
}
