import { Alert, Form, Input, Modal, Radio, Tag as AntTag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Tag, type TagInput } from '../ipc/client';
import { TAG_COLORS } from '../classification/labels';

/** Create a tag, or rename and recolour one. */
export function TagFormModal({ tag, onClose }: { tag: Tag | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TagInput>();
  const name = Form.useWatch('name', form) as string | undefined;
  const color = Form.useWatch('color', form) as string | undefined;
  const save = useMutation({
    mutationFn: (v: TagInput) => {
      const input = { name: v.name.trim(), color: v.color };
      return tag ? ipc.tagUpdate(tag.id, input) : ipc.tagCreate(input);
    },
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={tag ? t('settings.editTag') : t('settings.newTag')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />}
      <Form<TagInput>
        form={form}
        layout="vertical"
        data-testid="tag-form"
        initialValues={{ name: tag?.name ?? '', color: tag?.color ?? 'blue' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('settings.tagName')} rules={[{ required: true, whitespace: true, message: t('settings.labelRequired') }]}>
          <Input autoFocus maxLength={40} data-testid="tag-name" />
        </Form.Item>
        <Form.Item name="color" label={t('field.color')}>
          <Radio.Group className="color-picker">
            {TAG_COLORS.map((c) => (
              <Radio.Button key={c} value={c} className="color-swatch" title={t(`settings.colors.${c}`)}>
                <span className={`tag-dot tag-dot-${c}`} />
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <div className="tag-preview">
          <AntTag color={color ?? 'blue'} variant="filled">
            {name?.trim() || t('settings.tagName')}
          </AntTag>
        </div>
      </Form>
    </Modal>
  );
}
