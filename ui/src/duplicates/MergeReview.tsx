import { useState } from 'react';
import { Alert, App, Button, Drawer, Modal, Spin, Typography } from 'antd';
import { MergeOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type DuplicateCluster } from '../ipc/client';
import { useLiveFields } from '../classification/queries';
import { useDismissDuplicates, useMergeCustomers, useMergeMembers } from './queries';
import { mergeFields, mergeRequest, type MergeChoices } from './mergeModel';
import { MergeTable } from './MergeTable';

interface Props {
  /** The cluster under review; the drawer is closed while none. */
  cluster: DuplicateCluster | null;
  onClose: () => void;
}

/** A cluster's members side by side, to merge into one (choosing values) or to mark as different. */
export function MergeReview({ cluster, onClose }: Props) {
  const { t } = useTranslation();
  const count = cluster?.members.length ?? 0;
  return (
    <Drawer
      open={cluster !== null}
      onClose={onClose}
      size={Math.min(1280, 200 + 260 * count)}
      destroyOnHidden
      title={t('duplicates.reviewTitle', { count })}
    >
      {/* Keyed: another cluster starts from its own defaults. */}
      {cluster && <Review key={cluster.members.map((m) => m.id).join()} cluster={cluster} onClose={onClose} />}
    </Drawer>
  );
}

function Review({ cluster, onClose }: { cluster: DuplicateCluster; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { all } = useLiveFields();
  const members = useMergeMembers(cluster.members.map((m) => m.id));
  // The scan lists the oldest first: it is the suggested survivor.
  const [survivorId, setSurvivorId] = useState(cluster.members[0]?.id ?? '');
  const [excluded, setExcluded] = useState<string[]>([]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const merge = useMergeCustomers();
  const dismiss = useDismissDuplicates();

  if (members.error) {
    return <Alert type="error" showIcon title={t('duplicates.loadFailed', { message: errorMessage(members.error) })} />;
  }
  const customers = members.data;
  if (!customers) {
    return (
      <div className="merge-loading">
        <Spin />
      </div>
    );
  }

  const included = customers.filter((c) => !excluded.includes(c.id));
  const choices: MergeChoices = { survivorId, included, chosen };
  const fields = mergeFields(customers, all.map((f) => f.key));
  const request = mergeRequest(fields, choices);
  const survivorName = customers.find((c) => c.id === survivorId)?.name ?? '';
  const enough = included.length >= 2;

  const keep = (id: string) => {
    setSurvivorId(id);
    setExcluded((ids) => ids.filter((x) => x !== id));
  };
  const include = (id: string, on: boolean) =>
    setExcluded((ids) => (on ? ids.filter((x) => x !== id) : [...ids, id]));
  const runMerge = () =>
    merge.mutate(request, {
      onSuccess: (entry) => {
        setConfirming(false);
        void message.success({
          duration: 8,
          content: (
            <span>
              {t('duplicates.merged', { name: entry.survivorName })}
              <Button
                type="link"
                size="small"
                data-testid="merge-open-kept"
                // The message lives outside the router, so it navigates by the page's hand.
                onClick={() => void navigate(`/customers/${entry.survivorId}`)}
              >
                {t('duplicates.openKept')}
              </Button>
            </span>
          ),
        });
        onClose();
      },
      // The choices stay on screen beside the core's reason, to be changed and tried again.
      onError: () => setConfirming(false),
    });
  const runDismiss = () =>
    dismiss.mutate(
      included.map((c) => c.id),
      {
        onSuccess: () => {
          void message.success(t('duplicates.dismissed'));
          onClose();
        },
      },
    );

  return (
    <div className="merge-review" data-testid="merge-review">
      {merge.isError && (
        <Alert
          type="error"
          showIcon
          className="merge-error"
          title={t('duplicates.mergeFailed')}
          description={errorMessage(merge.error)}
          data-testid="merge-error"
        />
      )}
      {dismiss.isError && (
        <Alert
          type="error"
          showIcon
          className="merge-error"
          title={t('duplicates.dismissFailed')}
          description={errorMessage(dismiss.error)}
          data-testid="dismiss-error"
        />
      )}
      <MergeTable
        members={customers}
        fields={fields}
        choices={choices}
        onSurvivor={keep}
        onInclude={include}
        onPick={(field, id) => setChosen((c) => ({ ...c, [field]: id }))}
      />
      {/* Sticks to the drawer's bottom: a long table must not hide the buttons. */}
      <div className="merge-footer">
        <Typography.Paragraph type="secondary" className="merge-moves">
          {t('duplicates.moves')}
          {!enough && <span data-testid="merge-need-two"> {t('duplicates.needTwo')}</span>}
        </Typography.Paragraph>
        <div className="merge-actions">
          <Button
            type="primary"
            icon={<MergeOutlined />}
            disabled={!enough}
            loading={merge.isPending}
            onClick={() => setConfirming(true)}
            data-testid="merge-confirm"
          >
            {t('duplicates.merge')}
          </Button>
          <Button
            icon={<StopOutlined />}
            disabled={!enough}
            loading={dismiss.isPending}
            onClick={runDismiss}
            data-testid="dismiss-duplicates"
          >
            {t('duplicates.dismiss')}
          </Button>
        </div>
      </div>
      <Modal
        open={confirming}
        title={t('duplicates.mergeTitle')}
        onCancel={() => setConfirming(false)}
        onOk={runMerge}
        okText={t('duplicates.merge')}
        cancelText={t('common.cancel')}
        confirmLoading={merge.isPending}
        okButtonProps={{ 'data-testid': 'merge-confirm-ok' }}
        destroyOnHidden
      >
        <p data-testid="merge-confirm-text">
          {t('duplicates.mergeConfirm', { count: request.mergedIds.length, name: survivorName })}
        </p>
      </Modal>
    </div>
  );
}
