import { App, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type OrgUnit } from '../../ipc/client';
import { SaveModal } from '../../shell/SaveModal';

/** What the name form is for: a new unit below `parent`, or a new name for `unit`. */
export type UnitNaming = { kind: 'create'; parent: OrgUnit } | { kind: 'rename'; unit: OrgUnit };

export function OrgUnitNameModal({ naming, onSaved, onClose }: { naming: UnitNaming; onSaved: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const save = useMutation({
    mutationFn: ({ name }: { name: string }) =>
      naming.kind === 'create' ? ipc.orgCreate(name.trim(), naming.parent.id) : ipc.orgRename(naming.unit.id, name.trim()),
    onSuccess: (unit) => {
      void message.success(t(naming.kind === 'create' ? 'org.created' : 'org.renamed', { name: unit.name }));
      onSaved();
      onClose();
    },
  });
  const title =
    naming.kind === 'create'
      ? t('org.newChildTitle', { parent: naming.parent.name })
      : t('org.renameTitle', { name: naming.unit.name });

  return (
    <SaveModal
      title={title}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.isError ? save.error : null}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: naming.kind === 'rename' ? naming.unit.name : '' }}
        onFinish={(v) => save.mutate(v)}
        data-testid="org-unit-form"
      >
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
          <Input autoFocus maxLength={100} data-testid="org-unit-name" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
