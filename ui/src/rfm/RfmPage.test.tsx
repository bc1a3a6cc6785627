import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption } from '../test/antdControls';
import { SALES_REP, user as makeUser } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { RfmPage } from './RfmPage';
import { NO_SUMMARY, RFM_FIELDS, SETTINGS, SUMMARY, grid, type RfmIpcMock } from './rfmFixtures';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createRfmIpcMock } = await import('./rfmFixtures');
  return { ...actual, ipc: createRfmIpcMock() };
});
const mock = ipc as unknown as RfmIpcMock;

const MANAGER = makeUser({ id: 'u-wang', login: 'wangqiang', displayName: '王强', role: 'manager', unitId: 'o-sales', unitName: '销售部' });

/** The text of each cell of the grid's body, row by row as shown (R5 at the top). */
const gridRows = () =>
  within(screen.getByTestId('rfm-grid'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(RFM_FIELDS);
  mock.rfmSummary.mockResolvedValue(SUMMARY);
  mock.rfmSettings.mockResolvedValue(SETTINGS);
});

describe('the value assessment page', () => {
  test('shows the as-of day, window and run, and places each count in its R × F cell', async () => {
    renderWithProviders(<RfmPage />);
    expect(await screen.findByTestId('rfm-as-of')).toHaveTextContent('2026-03-01');
    expect(screen.getByTestId('rfm-window')).toHaveTextContent('365 天');
    expect(screen.getByTestId('rfm-computed-at')).toHaveTextContent(/2026-03-01 \d\d:30/);
    expect(screen.getByTestId('rfm-customers')).toHaveTextContent('200');
    await waitFor(() => expect(screen.getByTestId('rfm-schedule')).toHaveTextContent('每 1 天'));

    const table = screen.getByTestId('rfm-grid');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['', 'F1', 'F2', 'F3', 'F4', 'F5']);
    expect(gridRows()).toEqual([
      ['R5', '9', '0', '0', '0', '17'],
      ['R4', '0', '0', '0', '7', '0'],
      ['R3', '0', '12', '0', '0', '0'],
      ['R2', '0', '0', '0', '0', '0'],
      ['R1', '40', '0', '0', '0', '3'],
    ]);
    expect(screen.getByTestId('rfm-cell-5-5')).toHaveTextContent('17');
    expect(screen.getByTestId('rfm-cell-1-5')).toHaveTextContent('3');
    expect(screen.getByTestId('rfm-cell-5-1')).toHaveTextContent('9');
    // The fullest cell is the deepest.
    expect(screen.getByTestId('rfm-cell-1-1')).toHaveClass('deep');
    expect(screen.getByTestId('rfm-cell-2-2').style.background).toBe('');
  });

  test('spreads the customers over the tiers (highest first) and the value levels', async () => {
    renderWithProviders(<RfmPage />);
    const tiers = await screen.findByTestId('rfm-tiers');
    await waitFor(() =>
      expect(within(tiers).getAllByTestId(/^rfm-tiers-/).map((r) => r.dataset.testid)).toEqual([
        'rfm-tiers-diamond', 'rfm-tiers-gold', 'rfm-tiers-silver', 'rfm-tiers-normal',
      ]),
    );
    await waitFor(() => expect(screen.getByTestId('rfm-tiers-diamond')).toHaveTextContent('钻石'));
    expect(screen.getByTestId('rfm-tiers-diamond')).toHaveTextContent('总分 ≥ 13');
    expect(screen.getByTestId('rfm-tiers-diamond')).toHaveTextContent('20 位 · 10%');
    expect(screen.getByTestId('rfm-tiers-silver')).toHaveTextContent('银卡');
    expect(screen.getByTestId('rfm-tiers-silver')).toHaveTextContent('70 位 · 35%');

    const levels = within(screen.getByTestId('rfm-levels')).getAllByTestId(/^rfm-levels-/);
    expect(levels.map((r) => r.textContent)).toEqual([
      expect.stringContaining('高价值'),
      expect.stringContaining('中价值'),
      expect.stringContaining('低价值'),
    ]);
    expect(levels[0]).toHaveTextContent('30 位 · 15%');
    expect(levels[1]).toHaveTextContent('总分 8–11');
    expect(levels[2]).toHaveTextContent('110 位 · 55%');
  });

  test('before the first recompute says so and offers it', async () => {
    mock.rfmSummary.mockResolvedValue(NO_SUMMARY);
    renderWithProviders(<RfmPage />, { user: MANAGER });
    const empty = await screen.findByTestId('rfm-empty');
    expect(empty).toHaveTextContent('尚未进行价值评估');
    expect(empty).toHaveTextContent('五分位');
    expect(screen.queryByTestId('rfm-grid')).not.toBeInTheDocument();
    expect(screen.getByTestId('rfm-recompute')).toBeInTheDocument();
    // Only administrators change the settings.
    expect(screen.queryByTestId('rfm-settings-open')).not.toBeInTheDocument();
  });

  test('offers neither recompute nor settings to a sales rep', async () => {
    mock.rfmSummary.mockResolvedValue(NO_SUMMARY);
    renderWithProviders(<RfmPage />, { user: SALES_REP });
    expect(await screen.findByTestId('rfm-empty')).toHaveTextContent('经理或管理员首次重新计算后');
    expect(screen.queryByTestId('rfm-recompute')).not.toBeInTheDocument();
    expect(screen.queryByTestId('rfm-settings-open')).not.toBeInTheDocument();
  });

  test('recomputes as of the day and over the window typed, and shows what it did', async () => {
    const user = userEvent.setup();
    const done = { ...SUMMARY, asOf: '2026-02-15', windowDays: 90, customers: 201, changedTiers: 12, grid: grid([[5, 5, 201]]) };
    mock.rfmRecompute.mockResolvedValue(done);
    renderWithProviders(<RfmPage />, { user: MANAGER });
    await user.click(await screen.findByTestId('rfm-recompute'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('计算完成后会把算出的等级写入每位客户的“价值等级”');
    const asOf = within(screen.getByTestId('rfm-recompute-as-of').closest('.ant-picker')!).getByRole('textbox');
    await user.click(asOf);
    await user.type(asOf, '2026-02-15{Enter}');
    await user.type(within(dialog).getByTestId('rfm-recompute-window'), '90');
    await user.click(within(dialog).getByTestId('rfm-recompute-run'));

    await waitFor(() => expect(mock.rfmRecompute).toHaveBeenCalledWith('2026-02-15', 90));
    const result = await screen.findByTestId('rfm-recompute-result');
    expect(result).toHaveTextContent('价值评估已完成');
    expect(result).toHaveTextContent('评估了 201 位客户，12 位客户的等级有变化。');
    // The page shows the new assessment.
    expect(screen.getByTestId('rfm-as-of')).toHaveTextContent('2026-02-15');
    expect(screen.getByTestId('rfm-window')).toHaveTextContent('90 天');
    expect(screen.getByTestId('rfm-cell-5-5')).toHaveTextContent('201');
    await waitFor(() => expect(screen.queryByTestId('rfm-recompute-run')).not.toBeInTheDocument());
  });

  test('recomputes as of today over the settings’ window when nothing is typed', async () => {
    const user = userEvent.setup();
    mock.rfmRecompute.mockResolvedValue({ ...SUMMARY, changedTiers: 0 });
    renderWithProviders(<RfmPage />);
    await user.click(await screen.findByTestId('rfm-recompute'));
    await user.click(await screen.findByTestId('rfm-recompute-run'));
    await waitFor(() => expect(mock.rfmRecompute).toHaveBeenCalledWith(null, null));
    expect(await screen.findByTestId('rfm-recompute-result')).toHaveTextContent('0 位客户的等级有变化');
  });

  test('shows the core’s message when it refuses the recompute', async () => {
    const user = userEvent.setup();
    mock.rfmRecompute.mockRejectedValue(new IpcFailure('forbidden', 'only managers and administrators may recompute the RFM assessment'));
    renderWithProviders(<RfmPage />, { user: MANAGER });
    await user.click(await screen.findByTestId('rfm-recompute'));
    await user.click(await screen.findByTestId('rfm-recompute-run'));
    const error = await screen.findByTestId('rfm-recompute-error');
    expect(error).toHaveTextContent('重新计算未完成');
    expect(error).toHaveTextContent('only managers and administrators may recompute the RFM assessment');
    expect(screen.queryByTestId('rfm-recompute-result')).not.toBeInTheDocument();
    // The dialog stays open for another try.
    expect(screen.getByTestId('rfm-recompute-run')).toBeInTheDocument();
  });

  test('saves the edited settings', async () => {
    const user = userEvent.setup();
    mock.rfmSetSettings.mockImplementation((s) => Promise.resolve(s));
    renderWithProviders(<RfmPage />);
    await user.click(await screen.findByTestId('rfm-settings-open'));
    const drawer = await screen.findByTestId('rfm-settings');
    await waitFor(() => expect(within(drawer).getAllByTestId('rfm-settings-tier-row')).toHaveLength(4));
    expect(within(drawer).getByTestId('rfm-settings-last-run')).toHaveTextContent('评估日期 2026-03-01');

    const window = within(drawer).getByTestId('rfm-settings-window');
    await user.clear(window);
    await user.type(window, '180');
    const minScores = within(drawer).getAllByTestId('rfm-settings-min-score');
    await user.clear(minScores[1]);
    await user.type(minScores[1], '11');
    await user.clear(within(drawer).getByTestId('rfm-settings-high'));
    await user.type(within(drawer).getByTestId('rfm-settings-high'), '13');
    await user.click(within(drawer).getByTestId('rfm-settings-write-tier'));
    await user.click(within(drawer).getByTestId('rfm-settings-schedule'));
    await user.click(within(drawer).getByTestId('rfm-settings-save'));

    await waitFor(() =>
      expect(mock.rfmSetSettings).toHaveBeenCalledWith({
        ...SETTINGS,
        windowDays: 180,
        tiers: [
          { tier: 'diamond', minScore: 13 },
          { tier: 'gold', minScore: 11 },
          { tier: 'silver', minScore: 7 },
          { tier: 'normal', minScore: 3 },
        ],
        highMin: 13,
        writeTier: false,
        everyDays: null,
      }),
    );
    expect(await screen.findByText('评估设置已保存')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('rfm-settings')).not.toBeInTheDocument());
    expect(await screen.findByTestId('rfm-schedule')).toHaveTextContent('仅手动');
  });

  test('adds a tier, removes one and shows why the core refuses the settings', async () => {
    const user = userEvent.setup();
    mock.rfmSettings.mockResolvedValue({ ...SETTINGS, tiers: SETTINGS.tiers.slice(1) });
    mock.rfmSetSettings.mockRejectedValue(
      new IpcFailure('invalid_input', 'tiers go from the highest score down, each below the one before, at most 15'),
    );
    renderWithProviders(<RfmPage />);
    await user.click(await screen.findByTestId('rfm-settings-open'));
    const drawer = await screen.findByTestId('rfm-settings');
    await waitFor(() => expect(within(drawer).getAllByTestId('rfm-settings-tier-row')).toHaveLength(3));

    await user.click(within(drawer).getByTestId('rfm-settings-tier-add'));
    const rows = within(drawer).getAllByTestId('rfm-settings-tier-row');
    expect(rows).toHaveLength(4);
    // A new row needs its tier and score before the settings can be sent.
    expect(within(drawer).getByTestId('rfm-settings-save')).toBeDisabled();
    await chooseOption(user, within(rows[3]).getByTestId('rfm-settings-tier'), '钻石');
    await user.type(within(rows[3]).getByTestId('rfm-settings-min-score'), '14');
    // Drop silver.
    await user.click(within(rows[1]).getByTestId('rfm-settings-tier-remove'));
    await user.click(within(drawer).getByTestId('rfm-settings-save'));

    await waitFor(() =>
      expect(mock.rfmSetSettings).toHaveBeenCalledWith(
        expect.objectContaining({
          tiers: [
            { tier: 'gold', minScore: 10 },
            { tier: 'normal', minScore: 3 },
            { tier: 'diamond', minScore: 14 },
          ],
        }),
      ),
    );
    const error = await within(drawer).findByTestId('rfm-settings-error');
    expect(error).toHaveTextContent('设置未保存');
    expect(error).toHaveTextContent('tiers go from the highest score down, each below the one before, at most 15');
    // The drawer stays open with the edits.
    expect(within(drawer).getAllByTestId('rfm-settings-tier-row')).toHaveLength(3);
  });

  test('speaks English', async () => {
    await applyLanguage('en');
    renderWithProviders(<RfmPage />);
    expect(await screen.findByTestId('rfm-window')).toHaveTextContent('365 days');
    expect(screen.getByRole('heading', { name: 'Value (RFM)' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('rfm-tiers-diamond')).toHaveTextContent('Diamond'));
    expect(screen.getByTestId('rfm-tiers-diamond')).toHaveTextContent('20 · 10%');
    expect(screen.getByTestId('rfm-levels-high')).toHaveTextContent('High value');
    expect(screen.getByTestId('rfm-schedule')).toHaveTextContent('every day');
    expect(screen.getByTestId('rfm-recompute')).toHaveTextContent('Recompute');
  });
});
