import { DatePicker, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { addDate, removeDate } from './calendarModel';

interface Props {
  kind: 'holidays' | 'extraWorkdays';
  dates: string[];
  /** Null: shown, not edited. */
  onChange: ((dates: string[]) => void) | null;
}

/** Holidays or make-up workdays (调休): days picked on a calendar, shown with their weekday. */
export function DateListEditor({ kind, dates, onChange }: Props) {
  const { t } = useTranslation();
  const testId = kind === 'holidays' ? 'holidays' : 'extra-workdays';
  return (
    <div className="date-list" data-testid={testId}>
      <div className="date-list-head">
        <span className="calendar-label">{t(`desk.calendar.${kind}`)}</span>
        {onChange && (
          <DatePicker
            size="small"
            value={null}
            placeholder={t('desk.calendar.addDate')}
            // A day already in the list cannot be added twice.
            disabledDate={(d: Dayjs) => dates.includes(d.format('YYYY-MM-DD'))}
            onChange={(d: Dayjs | null) => d && onChange(addDate(dates, d.format('YYYY-MM-DD')))}
            data-testid={`${testId}-add`}
          />
        )}
      </div>
      <Typography.Text type="secondary" className="date-list-hint">
        {t(`desk.calendar.${kind}Hint`)}
      </Typography.Text>
      <div className="date-chips">
        {dates.length === 0 && <span className="muted">{t('desk.calendar.noDates')}</span>}
        {dates.map((d) => (
          <Tag
            key={d}
            color={kind === 'holidays' ? 'volcano' : 'blue'}
            variant="filled"
            closable={onChange !== null}
            onClose={(e) => {
              e.preventDefault();
              onChange?.(removeDate(dates, d));
            }}
            closeIcon={onChange ? undefined : false}
            data-testid={`${testId}-date`}
          >
            {d} <span className="date-weekday">{dayjs(d).format('ddd')}</span>
          </Tag>
        ))}
      </div>
    </div>
  );
}
