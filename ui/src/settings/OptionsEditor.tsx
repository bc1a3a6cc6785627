import { Button, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * The options of a choice dimension: a stable key plus a Chinese and an English label. The keys
 * of the options the dimension already had cannot be renamed here, as customers may hold them
 * (the core would see a removal); Form.List numbers its initial rows 0..n-1, so those are the
 * rows with a key below `existingCount`.
 */
export function OptionsEditor({ existingCount }: { existingCount: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name="options">
      {(rows, { add, remove }) => (
        <div className="options-editor">
          <div className="options-row options-head">
            <span>{t('settings.optionKey')}</span>
            <span>{t('field.labelZh')}</span>
            <span>{t('field.labelEn')}</span>
            <span />
          </div>
          {rows.map((row) => {
            const locked = row.key < existingCount;
            return (
              <div className="options-row" key={row.key}>
                <Form.Item name={[row.name, 'key']} noStyle rules={[{ required: true, whitespace: true, message: '' }]}>
                  <Input placeholder="gold" disabled={locked} />
                </Form.Item>
                <Form.Item name={[row.name, 'labelZh']} noStyle rules={[{ required: true, whitespace: true, message: '' }]}>
                  <Input placeholder="金牌" />
                </Form.Item>
                <Form.Item name={[row.name, 'labelEn']} noStyle rules={[{ required: true, whitespace: true, message: '' }]}>
                  <Input placeholder="Gold" />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(row.name)} />
              </div>
            );
          })}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: '', labelZh: '', labelEn: '' })}>
            {t('settings.addOption')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
