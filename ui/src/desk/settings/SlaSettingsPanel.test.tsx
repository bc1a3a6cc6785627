import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { IpcFailure, ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { FIELDS, SALES_REP } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { CALENDAR, SLA_POLICIES } from '../deskFixtures';
import { SlaSettingsPanel } from './SlaSettingsPanel';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createDeskIpcMock } = await import('../deskFixtures');
  return { ...actual, ipc: createDeskIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.slaPoliciesGet.mockResolvedValue(SLA_POLICIES);
  mock.workCalendarGet.mockResolvedValue(CALENDAR);
});

const rows = () => screen.getAllByTestId('sla-policy-row');

/** Opens the select and clicks the option in its own dropdown (closed ones stay in the page). */
async function typeChoice(user: UserEvent, select: HTMLElement, text: string) {
  await user.click(within(select).getByRole('combobox'));
  const open = await waitFor(() => {
    const dropdown = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')].at(-1);
    expect(dropdown).toBeDefined();
    return dropdown!;
  });
  await user.click(within(open).getByTitle(text));
}

describe('the SLA policies', () => {
  test('are shown by priority, each default first, then its tiers', async () => {
    renderWithProviders(<SlaSettingsPanel />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(rows().map((r) => r.dataset.priority)).toEqual(['urgent', 'urgent', 'high', 'normal', 'low']);
    expect(rows()[0]).toHaveTextContent('所有等级（默认）');
    expect(within(rows()[1]).getByTestId('sla-policy-tier')).toHaveTextContent('钻石');
    // The default rows cannot be removed: every priority needs one.
    expect(within(rows()[0]).queryByTestId('sla-policy-remove')).not.toBeInTheDocument();
  });

  test('the administrator edits times in hours and minutes, adds a tier row and saves the whole list', async () => {
    const user = userEvent.setup();
    mock.slaPoliciesSet.mockImplementation((policies) => Promise.resolve(policies));
    renderWithProviders(<SlaSettingsPanel />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByTestId('sla-policies-save')).toBeDisabled();

    // High: first response 1 h → 2 h 30 min.
    const high = rows()[2];
    const hours = within(high).getByTestId('sla-policy-first-response-hours');
    await user.clear(hours);
    await user.type(hours, '2');
    const minutes = within(high).getByTestId('sla-policy-first-response-minutes');
    await user.clear(minutes);
    await user.type(minutes, '30');

    // A new tier row starts at the first priority and tier not covered yet: urgent, gold.
    await user.click(screen.getByTestId('sla-policy-add'));
    await waitFor(() => expect(rows()).toHaveLength(6));
    const added = rows()[2];
    expect(within(added).getByTestId('sla-policy-tier')).toHaveTextContent('黄金');
    await chooseOption(user, within(added).getByTestId('sla-policy-priority'), '普通');
    // Moved to its priority's group, after the default row.
    await waitFor(() => expect(rows()[4].dataset.priority).toBe('normal'));
    // And the diamond urgent row goes.
    await user.click(within(rows()[1]).getByTestId('sla-policy-remove'));
    await user.click(screen.getByTestId('sla-policies-save'));

    await waitFor(() => expect(mock.slaPoliciesSet).toHaveBeenCalledTimes(1));
    expect(mock.slaPoliciesSet.mock.calls[0][0]).toEqual([
      { priority: 'urgent', tier: null, firstResponseMinutes: 30, resolutionMinutes: 240 },
      { priority: 'high', tier: null, firstResponseMinutes: 150, resolutionMinutes: 480 },
      { priority: 'normal', tier: null, firstResponseMinutes: 240, resolutionMinutes: 1440 },
      { priority: 'low', tier: null, firstResponseMinutes: 480, resolutionMinutes: 2880 },
      // Started from urgent's default times, then moved to normal.
      { priority: 'normal', tier: 'gold', firstResponseMinutes: 30, resolutionMinutes: 240 },
    ]);
    await waitFor(() => expect(screen.getByTestId('sla-policies-save')).toBeDisabled());
  });

  test('shows why the core refused them, keeping the edits', async () => {
    const user = userEvent.setup();
    mock.slaPoliciesSet.mockRejectedValue(
      new IpcFailure('invalid_input', 'the first response of high tickets cannot be due after their resolution'),
    );
    renderWithProviders(<SlaSettingsPanel />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    const hours = within(rows()[2]).getByTestId('sla-policy-first-response-hours');
    await user.clear(hours);
    await user.type(hours, '12');
    await user.click(screen.getByTestId('sla-policies-save'));
    expect(await screen.findByTestId('sla-policies-error')).toHaveTextContent('cannot be due after their resolution');
    expect(hours).toHaveValue('12');
  });
});

describe('the working calendar', () => {
  test('shows the week, holidays and make-up days', async () => {
    renderWithProviders(<SlaSettingsPanel />);
    const monday = await screen.findByTestId('weekday-1');
    expect(within(monday).getAllByTestId('period')).toHaveLength(2);
    expect(monday).toHaveTextContent('8 小时');
    expect(screen.getByTestId('weekday-6')).toHaveTextContent('休息');
    expect(screen.getByTestId('calendar-week-total')).toHaveTextContent('每周 40 小时');
    expect(screen.getAllByTestId('holidays-date').map((d) => d.textContent)).toEqual(['2026-10-01 周四', '2026-10-02 周五']);
    expect(screen.getByTestId('extra-workdays')).toHaveTextContent('2026-10-10');
  });

  test('the administrator changes periods, days off and the time zone and saves the calendar', async () => {
    const user = userEvent.setup();
    mock.workCalendarSet.mockImplementation((calendar) => Promise.resolve(calendar));
    renderWithProviders(<SlaSettingsPanel />);
    const saturday = await screen.findByTestId('weekday-6');
    // Saturday mornings open; Friday afternoon ends at 17:30.
    await user.click(within(saturday).getByTestId('period-add'));
    await typeChoice(user, within(screen.getByTestId('weekday-6')).getByTestId('period-end'), '12:00');
    const friday = screen.getByTestId('weekday-5');
    await typeChoice(user, within(friday).getAllByTestId('period-end')[1], '17:30');
    // Tuesday has no lunch break any more: its morning goes.
    await user.click(within(screen.getByTestId('weekday-2')).getAllByTestId('period-remove')[0]);
    // One holiday less.
    const holiday = screen.getAllByTestId('holidays-date')[1];
    await user.click(holiday.querySelector('.ant-tag-close-icon')!);
    await typeChoice(user, screen.getByTestId('calendar-zone'), 'UTC+09:00');
    await user.click(screen.getByTestId('calendar-save'));

    await waitFor(() => expect(mock.workCalendarSet).toHaveBeenCalledTimes(1));
    const saved = mock.workCalendarSet.mock.calls[0][0];
    expect(saved.utcOffsetMinutes).toBe(540);
    expect(saved.holidays).toEqual(['2026-10-01']);
    expect(saved.extraWorkdays).toEqual(['2026-10-10']);
    expect(saved.hours.filter((p) => p.weekday === 6)).toEqual([{ weekday: 6, start: '09:00', end: '12:00' }]);
    expect(saved.hours.filter((p) => p.weekday === 5)).toEqual([
      { weekday: 5, start: '09:00', end: '12:00' },
      { weekday: 5, start: '13:00', end: '17:30' },
    ]);
    expect(saved.hours.filter((p) => p.weekday === 2)).toEqual([{ weekday: 2, start: '13:00', end: '18:00' }]);
    await waitFor(() => expect(screen.getByTestId('calendar-save')).toBeDisabled());
  });

  test('Monday’s hours are copied to the rest of the working week', async () => {
    const user = userEvent.setup();
    mock.workCalendarGet.mockResolvedValue({ ...CALENDAR, hours: [{ weekday: 1, start: '08:30', end: '17:30' }] });
    mock.workCalendarSet.mockImplementation((calendar) => Promise.resolve(calendar));
    renderWithProviders(<SlaSettingsPanel />);
    await screen.findByTestId('weekday-1');
    expect(screen.getByTestId('weekday-3')).toHaveTextContent('休息');
    await user.click(screen.getByTestId('calendar-copy-monday'));
    expect(within(screen.getByTestId('weekday-3')).getAllByTestId('period')).toHaveLength(1);
    await user.click(screen.getByTestId('calendar-save'));
    await waitFor(() => expect(mock.workCalendarSet).toHaveBeenCalledTimes(1));
    expect(mock.workCalendarSet.mock.calls[0][0].hours).toHaveLength(5);
  });

  test('shows why the core refused the calendar', async () => {
    const user = userEvent.setup();
    mock.workCalendarSet.mockRejectedValue(new IpcFailure('invalid_input', 'the opening hours of weekday 1 overlap'));
    renderWithProviders(<SlaSettingsPanel />);
    const monday = await screen.findByTestId('weekday-1');
    await typeChoice(user, within(monday).getAllByTestId('period-end')[0], '14:00');
    await user.click(screen.getByTestId('calendar-save'));
    expect(await screen.findByTestId('calendar-error')).toHaveTextContent('overlap');
  });
});

test('anyone but the administrator reads the policies and the calendar without editing them', async () => {
  renderWithProviders(<SlaSettingsPanel />, { user: SALES_REP });
  await waitFor(() => expect(rows()).toHaveLength(5));
  expect(rows()[2]).toHaveTextContent('1 小时');
  expect(rows()[2]).toHaveTextContent('8 小时');
  expect(rows()[0]).toHaveTextContent('30 分钟');
  expect(await screen.findByTestId('weekday-1')).toHaveTextContent('09:00–12:00');
  expect(screen.getByTestId('calendar-zone')).toHaveTextContent('UTC+08:00');
  expect(screen.queryByTestId('sla-policies-save')).not.toBeInTheDocument();
  expect(screen.queryByTestId('calendar-save')).not.toBeInTheDocument();
  expect(screen.queryByTestId('period-add')).not.toBeInTheDocument();
  expect(screen.queryByRole('spinbutton')).not.toBeInTheDocument();
  expect(screen.getByText('只有管理员可以修改这些设置，您可以查看。')).toBeInTheDocument();
});
