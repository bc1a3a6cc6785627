import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { splitMinutes } from './slaPoliciesModel';

interface Props {
  minutes: number;
  onChange: (minutes: number) => void;
  testId: string;
}

/** A working time as hours and minutes, kept as minutes (what the core stores). */
export function DurationInput({ minutes, onChange, testId }: Props) {
  const { t } = useTranslation();
  const { hours, minutes: rest } = splitMinutes(minutes);
  return (
    <span className="duration-input" data-testid={testId}>
      <InputNumber
        value={hours}
        min={0}
        max={9999}
        precision={0}
        suffix={t('desk.sla.hoursUnit')}
        aria-label={t('desk.sla.hoursUnit')}
        onChange={(v) => onChange((v ?? 0) * 60 + rest)}
        data-testid={`${testId}-hours`}
      />
      <InputNumber
        value={rest}
        min={0}
        max={59}
        precision={0}
        suffix={t('desk.sla.minutesUnit')}
        aria-label={t('desk.sla.minutesUnit')}
        onChange={(v) => onChange(hours * 60 + (v ?? 0))}
        data-testid={`${testId}-minutes`}
      />
    </span>
  );
}
