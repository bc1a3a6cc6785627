import { useState } from 'react';
import { Alert, App, Button, Select, Space, Tooltip, Typography } from 'antd';
import { CopyOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type WorkCalendar } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatWorkingMinutes } from '../workingTime';
import { OFFSETS, WEEKDAYS, copyDay, offsetLabel, periodMinutes, periodsOf } from './calendarModel';
import { WeekdayHoursRow } from './WeekdayHoursRow';
import { DateListEditor } from './DateListEditor';

/**
 * The working calendar SLA times are counted in: the desk's time zone, the opening hours of each
 * weekday, holidays and weekend days worked instead (调休). Saved at once by the administrator.
 */
export function WorkCalendarEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const saved = useQuery({ queryKey: queryKeys.workCalendar, queryFn: () => ipc.workCalendarGet() });
  // null: nothing edited yet, the saved calendar shows.
  const [draft, setDraft] = useState<WorkCalendar | null>(null);
  const save = useMutation({
    mutationFn: (calendar: WorkCalendar) => ipc.workCalendarSet(calendar),
    onSuccess: (calendar) => {
      queryClient.setQueryData(queryKeys.workCalendar, calendar);
      setDraft(null);
      void message.success(t('desk.calendar.saved'));
    },
  });
  const change = (next: WorkCalendar) => {
    setDraft(next);
    save.reset();
  };
  const undo = () => {
    setDraft(null);
    save.reset();
  };

  const calendar = draft ?? saved.data;
  const weekMinutes = calendar ? periodMinutes(calendar.hours) : 0;

  return (
    <section className="desk-settings-section" data-testid="work-calendar">
      <div className="panel-toolbar">
        <div>
          <Typography.Title level={5} className="desk-settings-title">
            {t('desk.calendar.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('desk.calendar.hint')}</Typography.Text>
        </div>
        {editable && (
          <Space>
            <Button icon={<UndoOutlined />} disabled={draft === null} onClick={undo} data-testid="calendar-reset">
              {t('desk.settings.reset')}
            </Button>
            <Button
              type="primary"
              disabled={draft === null}
              loading={save.isPending}
              onClick={() => draft && save.mutate(draft)}
              data-testid="calendar-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )}
      </div>
      {saved.isError && <Alert type="error" showIcon title={errorMessage(saved.error)} />}
      {save.isError && (
        <Alert
          type="error"
          showIcon
          title={t('desk.settings.refused')}
          description={errorMessage(save.error)}
          data-testid="calendar-error"
        />
      )}
      {calendar && (
        <div className="calendar-grid">
          <div className="calendar-week">
            <div className="calendar-zone">
              <span className="calendar-label">{t('desk.calendar.timeZone')}</span>
              {editable ? (
                <Select<number>
                  className="calendar-zone-select"
                  showSearch={{ optionFilterProp: 'label' }}
                  virtual={false}
                  value={calendar.utcOffsetMinutes}
                  onChange={(utcOffsetMinutes) => change({ ...calendar, utcOffsetMinutes })}
                  options={OFFSETS.map((value) => ({ value, label: offsetLabel(value) }))}
                  data-testid="calendar-zone"
                />
              ) : (
                <strong data-testid="calendar-zone">{offsetLabel(calendar.utcOffsetMinutes)}</strong>
              )}
              <span className="calendar-week-total" data-testid="calendar-week-total">
                {t('desk.calendar.weekTotal', { time: formatWorkingMinutes(t, weekMinutes) })}
              </span>
              {editable && (
                <Tooltip title={t('desk.calendar.copyMondayHint')}>
                  <Button
                    type="link"
                    size="small"
                    icon={<CopyOutlined />}
                    className="calendar-copy"
                    onClick={() => change(copyDay(calendar, 1, [2, 3, 4, 5]))}
                    data-testid="calendar-copy-monday"
                  >
                    {t('desk.calendar.copyMonday')}
                  </Button>
                </Tooltip>
              )}
            </div>
            {WEEKDAYS.map((weekday) => (
              <WeekdayHoursRow
                key={weekday}
                calendar={calendar}
                weekday={weekday}
                periods={periodsOf(calendar, weekday)}
                onChange={editable ? change : null}
              />
            ))}
          </div>
          <div className="calendar-dates">
            <DateListEditor
              kind="holidays"
              dates={calendar.holidays}
              onChange={editable ? (holidays) => change({ ...calendar, holidays }) : null}
            />
            <DateListEditor
              kind="extraWorkdays"
              dates={calendar.extraWorkdays}
              onChange={editable ? (extraWorkdays) => change({ ...calendar, extraWorkdays }) : null}
            />
          </div>
        </div>
      )}
    </section>
  );
}
