import { Alert, App, Button, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type PoolRules } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { useCurrentUser } from '../../auth/CurrentUser';
import { usePoolRules } from '../leadQueries';
import './leadSettings.css';

const RULES: { key: keyof PoolRules; unit: 'days' | 'leads'; max: number }[] = [
  { key: 'returnAfterDays', unit: 'days', max: 3650 },
  { key: 'reclaimWaitDays', unit: 'days', max: 3650 },
  { key: 'dailyClaimLimit', unit: 'leads', max: 100_000 },
  { key: 'openLeadLimit', unit: 'leads', max: 1_000_000 },
];

/** The lead pool's four rules, each explained; the administrator edits them, others read them. */
export function PoolRulesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The core refuses anyone else; the form is offered read-only to them.
  const { isAdmin } = useCurrentUser();
  const rules = usePoolRules();
  const [form] = Form.useForm<PoolRules>();
  const save = useMutation({
    mutationFn: (values: PoolRules) => ipc.poolRulesSet(values),
    onSuccess: (saved) => {
      // The core announces no change of settings; what it saved is what the panel shows now.
      queryClient.setQueryData(queryKeys.poolRules, saved);
      void message.success(t('leads.pool.saved'));
    },
  });

  return (
    <div className="settings-panel pool-rules-panel" data-testid="pool-rules">
      <Typography.Paragraph type="secondary">{t('leads.pool.intro')}</Typography.Paragraph>
      {!isAdmin && <Alert type="info" showIcon title={t('leads.pool.adminOnly')} />}
      {rules.isError && <Alert type="error" showIcon title={errorMessage(rules.error)} />}
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} />}
      {rules.isPending && <Skeleton active />}
      {rules.isSuccess && (
        <Form<PoolRules>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '160px' }}
          labelAlign="left"
          initialValues={rules.data}
          disabled={!isAdmin}
          onFinish={(v) => save.mutate(v)}
          className="pool-rules-form"
        >
          {RULES.map(({ key, unit, max }) => (
            <Form.Item key={key} label={t(`leads.pool.${key}`)} extra={t(`leads.pool.${key}Help`)}>
              <div className="pool-rule-input">
                <Form.Item name={key} noStyle rules={[{ required: true }]}>
                  <InputNumber min={0} max={max} precision={0} data-testid={`pool-${key}`} suffix={t(`leads.pool.${unit}`)} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a: PoolRules, b: PoolRules) => a[key] !== b[key]}>
                  {({ getFieldValue }) =>
                    getFieldValue(key) === 0 && <Typography.Text type="secondary">{t('leads.pool.off')}</Typography.Text>
                  }
                </Form.Item>
              </div>
            </Form.Item>
          ))}
          {isAdmin && (
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="pool-rules-save">
                {t('common.save')}
              </Button>
            </Form.Item>
          )}
        </Form>
      )}
    </div>
  );
}
