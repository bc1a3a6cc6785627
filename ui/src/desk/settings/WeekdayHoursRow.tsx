import { Button, Select, Tag, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '../../ipc/client';
import { formatWorkingMinutes } from '../workingTime';
import {
  QUARTER_HOURS,
  addPeriod,
  periodMinutes,
  removePeriod,
  updatePeriod,
  type IndexedPeriod,
} from './calendarModel';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Quarter hours, and the stored time too when it lies between them (e.g. 08:50). */
function timeOptions(current: string) {
  const times = QUARTER_HOURS.includes(current) ? QUARTER_HOURS : [...QUARTER_HOURS, current].sort();
  return times.map((value) => ({ value, label: value }));
}

interface Props {
  calendar: WorkCalendar;
  weekday: number;
  periods: IndexedPeriod[];
  /** Null: shown, not edited. */
  onChange: ((calendar: WorkCalendar) => void) | null;
}

/** One weekday's opening hours: its periods (e.g. morning and afternoon around lunch), or closed. */
export function WeekdayHoursRow({ calendar, weekday, periods, onChange }: Props) {
  const { t } = useTranslation();
  const dayKey = WEEKDAY_KEYS[weekday - 1];
  const closed = periods.length === 0;
  return (
    <div className={closed ? 'weekday-row closed' : 'weekday-row'} data-testid={`weekday-${weekday}`}>
      <span className="weekday-name">{t(`desk.calendar.weekdays.${dayKey}`)}</span>
      <div className="weekday-periods">
        {closed && (
          <Tag variant="filled" className="weekday-closed">
            {t('desk.calendar.closed')}
          </Tag>
        )}
        {periods.map((p) =>
          onChange ? (
            <span key={p.index} className="period-editor" data-testid="period">
              <Select<string>
                size="small"
                className="period-time"
                showSearch
                // Short lists; all options in the page, so typing "13" shows 13:00–13:45 at once.
                virtual={false}
                value={p.start}
                aria-label={t('desk.calendar.start')}
                onChange={(start) => onChange(updatePeriod(calendar, p.index, { start }))}
                options={timeOptions(p.start)}
                data-testid="period-start"
              />
              <span className="period-dash">–</span>
              <Select<string>
                size="small"
                className="period-time"
                showSearch
                virtual={false}
                value={p.end}
                aria-label={t('desk.calendar.end')}
                onChange={(end) => onChange(updatePeriod(calendar, p.index, { end }))}
                options={timeOptions(p.end)}
                data-testid="period-end"
              />
              <Tooltip title={t('desk.calendar.removePeriod')}>
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('desk.calendar.removePeriod')}
                  onClick={() => onChange(removePeriod(calendar, p.index))}
                  data-testid="period-remove"
                />
              </Tooltip>
            </span>
          ) : (
            <Tag key={p.index} variant="outlined" className="period-chip" data-testid="period">
              {p.start}–{p.end}
            </Tag>
          ),
        )}
        {onChange && (
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange(addPeriod(calendar, weekday))}
            data-testid="period-add"
          >
            {t('desk.calendar.addPeriod')}
          </Button>
        )}
      </div>
      <span className="weekday-total">{closed ? '' : formatWorkingMinutes(t, periodMinutes(periods))}</span>
    </div>
  );
}
