import { Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, type FieldDef, type FieldOption, type FieldType } from '../ipc/client';
import { OptionsEditor } from './OptionsEditor';
import { SaveModal } from '../shell/SaveModal';

const FIELD_TYPES: FieldType[] = ['single_select', 'multi_select', 'text', 'number', 'date'];

interface Values {
  key: string;
  labelZh: string;
  labelEn: string;
  fieldType: FieldType;
  options?: FieldOption[];
}

function trimOptions(options: FieldOption[] | undefined): FieldOption[] {
  return (options ?? []).map((o) => ({ key: o.key.trim(), labelZh: o.labelZh.trim(), labelEn: o.labelEn.trim() }));
}

/** Create a custom dimension, or rename a dimension and edit its options. */
export function DimensionFormModal({ field, onClose }: { field: FieldDef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const fieldType = Form.useWatch('fieldType', form) ?? field?.fieldType ?? 'single_select';
  const hasOptions = fieldType === 'single_select' || fieldType === 'multi_select';
  const save = useMutation({
    mutationFn: (v: Values) => {
      const options = hasOptions ? trimOptions(v.options) : [];
      const labels = { labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim() };
      return field
        ? ipc.fieldUpdate(field.id, { ...labels, options })
        : ipc.fieldCreate({ key: v.key.trim(), fieldType: v.fieldType, ...labels, options });
    },
    onSuccess: onClose,
  });

  return (
    <SaveModal
      title={field ? t('settings.editDimension') : t('settings.newDimension')}
      width={640}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.isError ? save.error : null}
      errorTestId="dimension-error"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="dimension-form"
        initialValues={{
          key: field?.key ?? '',
          labelZh: field?.labelZh ?? '',
          labelEn: field?.labelEn ?? '',
          fieldType: field?.fieldType ?? 'single_select',
          options: field?.options ?? [{ key: '', labelZh: '', labelEn: '' }],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <div className="form-grid-2">
          <Form.Item name="key" label={t('settings.key')} extra={!field && t('settings.keyHint')} rules={[{ required: true, whitespace: true, message: t('settings.keyRequired') }]}>
            <Input disabled={field !== null} placeholder="customer_level" data-testid="dimension-key" />
          </Form.Item>
          <Form.Item name="fieldType" label={t('settings.type')}>
            <Select
              disabled={field !== null}
              data-testid="dimension-type"
              options={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`settings.fieldType.${ft}`) }))}
            />
          </Form.Item>
          <Form.Item name="labelZh" label={t('field.labelZh')} rules={[{ required: true, whitespace: true, message: t('settings.labelRequired') }]}>
            <Input data-testid="dimension-label-zh" />
          </Form.Item>
          <Form.Item name="labelEn" label={t('field.labelEn')} rules={[{ required: true, whitespace: true, message: t('settings.labelRequired') }]}>
            <Input data-testid="dimension-label-en" />
          </Form.Item>
        </div>
        {hasOptions && (
          <Form.Item label={t('settings.options')}>
            <OptionsEditor existingCount={field?.options.length ?? 0} />
          </Form.Item>
        )}
      </Form>
    </SaveModal>
  );
}
