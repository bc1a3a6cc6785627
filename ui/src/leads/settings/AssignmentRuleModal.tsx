import { App, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type AssignmentRule } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { SaveModal } from '../../shell/SaveModal';
import { UnitSelect } from '../../admin/UnitSelect';
import { useTerritories } from '../../admin/queries';
import { useAssignees } from '../leadQueries';
import { ConditionsEditor } from './ConditionsEditor';
import { STRATEGIES, toRuleFormValues, toRuleInput, type RuleFormValues } from './ruleFormModel';

interface Props {
  /** The rule to edit; a new rule when null. */
  rule: AssignmentRule | null;
  onClose: () => void;
}

/** Name, conditions, the one user or unit that gets the leads, and how a unit's rep is picked. */
export function AssignmentRuleModal({ rule, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RuleFormValues>();
  const targetKind = Form.useWatch('targetKind', form) ?? (rule?.targetUnitId ? 'unit' : 'user');
  const territories = useTerritories();
  const assignees = useAssignees(null);
  const save = useMutation({
    mutationFn: (values: RuleFormValues) => ipc.assignmentRuleSave(rule?.id ?? null, toRuleInput(values)),
    onSuccess: (saved) => {
      // The core announces no change of rules.
      void queryClient.invalidateQueries({ queryKey: queryKeys.assignmentRules });
      void message.success(t('leads.rules.saved', { name: saved.name }));
      onClose();
    },
  });

  return (
    <SaveModal
      title={rule ? t('leads.rules.editTitle') : t('leads.rules.createTitle')}
      width={760}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.error}
      errorTestId="rule-form-error"
    >
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        className="rule-form"
        data-testid="rule-form"
        initialValues={toRuleFormValues(rule)}
        onValuesChange={(changed: Partial<RuleFormValues>) => {
          // Territory ids, origin keys and typed text do not carry over from one field to another.
          // A changed field comes alone; adding or removing a row reports whole rows, left as they are.
          changed.conditions?.forEach((c, i) => {
            if (c?.field && !('values' in c)) form.setFieldValue(['conditions', i, 'values'], []);
          });
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <div className="rule-form-head">
          <Form.Item
            name="name"
            label={t('leads.rules.name')}
            rules={[{ required: true, whitespace: true, message: t('leads.rules.nameRequired') }]}
            className="rule-form-name"
          >
            <Input autoFocus maxLength={100} placeholder={t('leads.rules.namePlaceholder')} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="active" label={t('leads.rules.active')} valuePropName="checked">
            <Switch data-testid="rule-active" />
          </Form.Item>
        </div>
        <Form.Item label={t('leads.rules.conditions')} extra={t('leads.rules.conditionsHint')}>
          <ConditionsEditor territories={territories.data ?? []} />
        </Form.Item>
        <Form.Item label={t('leads.rules.target')} required>
          <div className="rule-target">
            <Form.Item name="targetKind" noStyle>
              <Radio.Group
                optionType="button"
                data-testid="rule-target-kind"
                options={[
                  { value: 'user', label: t('leads.rules.targetUser') },
                  { value: 'unit', label: t('leads.rules.targetUnit') },
                ]}
              />
            </Form.Item>
            {targetKind === 'user' ? (
              <Form.Item name="targetUser" noStyle rules={[{ required: true, message: t('leads.rules.targetRequired') }]}>
                <Select
                  className="rule-target-pick"
                  data-testid="rule-target-user"
                  placeholder={t('leads.rules.pickUser')}
                  loading={assignees.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(assignees.data ?? []).map((a) => ({
                    value: a.login,
                    label: `${a.displayName} · ${a.unitName}`,
                  }))}
                />
              </Form.Item>
            ) : (
              <Form.Item name="targetUnitId" noStyle rules={[{ required: true, message: t('leads.rules.targetRequired') }]}>
                <UnitSelect data-testid="rule-target-unit" />
              </Form.Item>
            )}
          </div>
        </Form.Item>
        {/* One person needs no choosing; the field keeps its value for the core all the same. */}
        <Form.Item name="strategy" label={t('leads.rules.strategy')} extra={t('leads.rules.strategyHint')} hidden={targetKind === 'user'}>
          <Radio.Group
            data-testid="rule-strategy"
            options={STRATEGIES.map((s) => ({ value: s, label: t(`leads.rules.strategies.${s}`) }))}
          />
        </Form.Item>
        {assignees.isError && <Typography.Text type="danger">{assignees.error.message}</Typography.Text>}
      </Form>
    </SaveModal>
  );
}
