import { useState } from 'react';
import { Alert, App, Button, Modal, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Segment } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { CustomerPicker } from '../../opportunities/form/CustomerPicker';

interface Props {
  segment: Segment;
  open: boolean;
  onClose: () => void;
}

/** Adds customers to a fixed segment by hand, one after another, until the user is done. */
export function AddMembersModal({ segment, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [added, setAdded] = useState<string[]>([]);

  const add = useMutation({
    mutationFn: (customer: { id: string; name: string }) => ipc.segmentAddMembers(segment.id, [customer.id]),
    onSuccess: (changed, customer) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.segments });
      if (changed > 0) {
        setAdded((names) => [...names, customer.name]);
        void message.success(t('segments.add.added', { name: customer.name }));
      } else {
        void message.info(t('segments.add.already', { name: customer.name }));
      }
      setPicked(null);
    },
  });

  const close = () => {
    setPicked(null);
    setAdded([]);
    add.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      onCancel={close}
      destroyOnHidden
      title={t('segments.add.title', { name: segment.name })}
      footer={
        <Button type="primary" onClick={close} data-testid="segment-add-done">
          {t('segments.add.done')}
        </Button>
      }
    >
      <div className="segment-add" data-testid="segment-add-modal">
        <p className="muted">{t('segments.add.hint')}</p>
        {add.isError && <Alert type="error" showIcon title={t('segments.detail.refused', { message: errorMessage(add.error) })} />}
        <Space.Compact className="segment-add-row">
          <CustomerPicker
            value={picked?.id}
            onChange={(id, name) => setPicked({ id, name })}
            autoFocus
            testId="segment-add-customer"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!picked}
            loading={add.isPending}
            onClick={() => picked && add.mutate(picked)}
            data-testid="segment-add-confirm"
          >
            {t('segments.add.add')}
          </Button>
        </Space.Compact>
        {added.length > 0 && (
          <div className="segment-add-added" data-testid="segment-add-added">
            {added.map((name) => t('segments.add.added', { name })).join(' · ')}
          </div>
        )}
      </div>
    </Modal>
  );
}
