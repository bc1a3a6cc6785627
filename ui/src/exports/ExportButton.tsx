import { useState } from 'react';
import { Button } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '../ipc/client';
import { ExportDialog, type ExportKinds } from './ExportDialog';

interface Props {
  kinds: ExportKinds;
  /** The customer list's filter when one narrows it: customers may be exported as it shows them. */
  customerFilter?: CustomerFilter;
}

/**
 * A page's 导出 button: the records of `kinds` (the first unless the user picks another) to a
 * file. The dialog mounts only while open, so each export starts from a clean form.
 */
export function ExportButton({ kinds, customerFilter }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ExportOutlined />} data-testid={`export-${kinds[0]}`} onClick={() => setOpen(true)}>
        {t('exports.button')}
      </Button>
      {open && <ExportDialog kinds={kinds} customerFilter={customerFilter} onClose={() => setOpen(false)} />}
    </>
  );
}
