import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select, Space, Spin, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type RuleInput, type WorkflowRule } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { currentLanguage } from '../../i18n';
import { useTagList } from '../../classification/queries';
import { ConditionBuilder } from '../conditions/ConditionBuilder';
import { useRuleFields } from '../queries';
import { ENTITIES, TRIGGERS, draftOf, ruleDisplayName, toRuleInput, withEntity, withTrigger } from './ruleModel';
import { ActionsEditor } from './ActionsEditor';

interface Props {
  open: boolean;
  /** The rule to edit or view; a new rule when absent. */
  rule?: WorkflowRule;
  readOnly: boolean;
  onClose: () => void;
}

/** One part of the rule: 当 / 如果 / 那么, as people say a rule out loud. */
function Section({ mark, children }: { mark: string; children: ReactNode }) {
  return (
    <section className="rule-section">
      <div className="rule-section-mark">{mark}</div>
      <div className="rule-section-body">{children}</div>
    </section>
  );
}

function RuleEditor({ rule, readOnly, onClose }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleInput>(() => draftOf(rule));
  const fields = useRuleFields(draft.entity);
  const tagNames = useTagList().map((tag) => tag.name);
  // Only administrators edit rules, and only they may list the users to name in an action.
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => ipc.userList(), enabled: !readOnly });
  const update = (patch: Partial<RuleInput>) => setDraft((d) => ({ ...d, ...patch }));

  const save = useMutation({
    mutationFn: () => ipc.ruleSave(rule?.id ?? null, toRuleInput(draft)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rules });
      void message.success(t('workflow.editor.saved', { name: ruleDisplayName(saved, currentLanguage()) }));
      onClose();
    },
  });

  return (
    <div className="rule-editor" data-testid="rule-editor">
      {save.isError && (
        <Alert
          type="error"
          showIcon
          className="rule-editor-alert"
          title={t('workflow.editor.refused')}
          description={errorMessage(save.error)}
          data-testid="rule-editor-error"
        />
      )}
      <Form layout="vertical" className="rule-editor-form" disabled={readOnly} onFinish={() => save.mutate()}>
        <div className="rule-editor-head">
          <Form.Item label={t('workflow.editor.name')} className="rule-editor-name" required>
            <Input
              value={draft.name}
              onChange={(e) => update({ name: e.target.value })}
              placeholder={t('workflow.editor.namePlaceholder')}
              maxLength={200}
              data-testid="rule-editor-name"
              autoFocus={!readOnly}
            />
          </Form.Item>
          <Form.Item label={t('workflow.editor.active')}>
            <Switch checked={draft.active} onChange={(active) => update({ active })} data-testid="rule-editor-active" />
          </Form.Item>
        </div>
        <Section mark={t('workflow.editor.when')}>
          <div className="rule-when">
            <Form.Item label={t('workflow.editor.entity')} extra={rule && !readOnly ? t('workflow.editor.entityChanged') : undefined}>
              <Select
                value={draft.entity}
                onChange={(entity) => setDraft((d) => withEntity(d, entity))}
                options={ENTITIES.map((e) => ({ value: e, label: t(`workflow.entity.${e}`) }))}
                data-testid="rule-editor-entity"
              />
            </Form.Item>
            <Form.Item label={t('workflow.editor.trigger')}>
              <Select
                value={draft.trigger}
                onChange={(trigger) => setDraft((d) => withTrigger(d, trigger))}
                options={TRIGGERS.map((k) => ({ value: k, label: t(`workflow.trigger.${k}`) }))}
                data-testid="rule-editor-trigger"
              />
            </Form.Item>
            {draft.trigger === 'schedule' && (
              <Form.Item label={t('workflow.editor.every')}>
                <InputNumber
                  value={draft.everyMinutes ?? null}
                  min={1}
                  max={10080}
                  precision={0}
                  onChange={(v) => update({ everyMinutes: v })}
                  suffix={t('workflow.editor.minutes')}
                  data-testid="rule-editor-every"
                  className="rule-every"
                />
              </Form.Item>
            )}
          </div>
        </Section>
        <Section mark={t('workflow.editor.if')}>
          {fields.isError && <Alert type="error" showIcon title={t('workflow.editor.fieldsFailed', { message: errorMessage(fields.error) })} />}
          {fields.isPending ? (
            <Spin size="small" />
          ) : (
            <ConditionBuilder
              value={draft.condition}
              onChange={(condition) => update({ condition })}
              fields={fields.data ?? []}
              tagNames={tagNames}
              disabled={readOnly}
            />
          )}
        </Section>
        <Section mark={t('workflow.editor.then')}>
          <ActionsEditor
            actions={draft.actions}
            onChange={(actions) => update({ actions })}
            env={{ entity: draft.entity, fields: fields.data ?? [], users: users.data ?? [], tagNames, disabled: readOnly }}
          />
        </Section>
      </Form>
      <div className="rule-editor-footer">
        <Space>
          <Button onClick={onClose}>{readOnly ? t('common.ok') : t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="rule-editor-save">
              {t('common.save')}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}

/** Create, edit or (for everyone but administrators) read a rule in a side drawer. */
export function RuleEditorDrawer({ open, rule, readOnly, onClose }: Props) {
  const { t } = useTranslation();
  const title = readOnly ? t('workflow.editor.viewTitle') : rule ? t('workflow.editor.editTitle') : t('workflow.editor.newTitle');
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={800}
      destroyOnHidden
      title={rule ? `${title} · ${ruleDisplayName(rule, currentLanguage())}` : title}
      styles={{ body: { padding: 0 } }}
    >
      {open && <RuleEditor key={rule?.id ?? 'new'} rule={rule} readOnly={readOnly} onClose={onClose} />}
    </Drawer>
  );
}
