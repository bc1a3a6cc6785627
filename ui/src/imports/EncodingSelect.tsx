import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENCODINGS, type Encoding } from './encodings';

interface Props {
  value: Encoding;
  onChange: (encoding: Encoding) => void;
  disabled: boolean;
}

/** For a CSV whose encoding the core guessed wrong; workbooks and vCards ignore it. */
export function EncodingSelect({ value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <Select<Encoding>
      value={value}
      onChange={onChange}
      style={{ width: 170 }}
      aria-label={t('imports.encoding')}
      disabled={disabled}
      options={[{ value: 'auto', label: `${t('imports.encoding')}: ${t('imports.encodingAuto')}` }, ...ENCODINGS]}
      data-testid="import-encoding"
    />
  );
}
