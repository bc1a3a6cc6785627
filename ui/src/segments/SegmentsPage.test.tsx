import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type Condition } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption } from '../test/antdControls';
import { TAGS } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { SEGMENTS, SEGMENT_FIELDS, segment, type SegmentIpcMock } from './segmentFixtures';
import { SegmentsPage } from './SegmentsPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createSegmentIpcMock } = await import('./segmentFixtures');
  return { ...actual, ipc: createSegmentIpcMock() };
});
const mock = ipc as unknown as SegmentIpcMock;

const COUNTS: Record<string, number> = { 'seg-vip': 128, 'seg-black': 3, 'seg-march': 1024 };
const row = (name: string) => screen.getAllByTestId('segment-row').find((r) => r.textContent?.includes(name))!;
const testRow = (i: number) => screen.getAllByTestId('condition-test')[i];

/** Like the core: a test without a value is refused with its field named; otherwise 42 match. */
function countLikeTheCore(condition: Condition): Promise<number> {
  const tests = JSON.stringify(condition);
  if (tests.includes('"values":[]')) {
    return Promise.reject(new IpcFailure('invalid_input', "'lifecycle' needs at least one value to compare with"));
  }
  return Promise.resolve(42);
}

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.segmentList.mockResolvedValue(SEGMENTS);
  mock.segmentFields.mockResolvedValue(SEGMENT_FIELDS);
  mock.segmentCount.mockImplementation((id) => Promise.resolve(COUNTS[id]));
  mock.segmentCountCondition.mockImplementation(countLikeTheCore);
  mock.tagList.mockResolvedValue(TAGS);
});

describe('the segments list', () => {
  test('shows each segment’s kind, member count (a spinner until counted), owner, snapshot time and description', async () => {
    let release: (n: number) => void = () => {};
    mock.segmentCount.mockImplementation((id) =>
      id === 'seg-march' ? new Promise<number>((resolve) => (release = resolve)) : Promise.resolve(COUNTS[id]),
    );
    renderWithProviders(<SegmentsPage />, { route: '/segments' });
    await waitFor(() => expect(screen.getAllByTestId('segment-row')).toHaveLength(3));

    expect(within(row('VIP 客户')).getByTestId('segment-kind')).toHaveTextContent('动态分组');
    expect(within(row('黑名单')).getByTestId('segment-kind')).toHaveTextContent('固定分组');
    expect(within(row('三月大客户')).getByTestId('segment-kind')).toHaveTextContent('快照分组');
    await waitFor(() => expect(within(row('VIP 客户')).getByTestId('segment-row-count')).toHaveTextContent('128'));
    expect(within(row('黑名单')).getByTestId('segment-row-count')).toHaveTextContent('3');
    expect(within(row('三月大客户')).getByTestId('segment-row-count-loading')).toBeInTheDocument();
    release(1024);
    await waitFor(() => expect(within(row('三月大客户')).getByTestId('segment-row-count')).toHaveTextContent('1,024'));
    expect(mock.segmentCount.mock.calls.map((c) => c[0]).sort()).toEqual(['seg-black', 'seg-march', 'seg-vip']);

    expect(row('三月大客户')).toHaveTextContent('lina');
    expect(row('三月大客户')).toHaveTextContent(/2026-03-31 \d\d:30/);
    expect(row('VIP 客户')).toHaveTextContent('所有 VIP 阶段的客户');
    expect(within(row('VIP 客户')).getByTestId('segment-link')).toHaveAttribute('href', '/segments/seg-vip');

    await applyLanguage('en');
    expect(within(row('VIP 客户')).getByTestId('segment-kind')).toHaveTextContent('Dynamic');
    expect(within(row('黑名单')).getByTestId('segment-kind')).toHaveTextContent('Fixed');
    expect(within(row('三月大客户')).getByTestId('segment-kind')).toHaveTextContent('Snapshot');
    expect(screen.getByTestId('segment-new')).toHaveTextContent('New segment');
  });

  test('a new dynamic segment: the live count follows the conditions, the core’s words while incomplete, and saving sends the input', async () => {
    const user = userEvent.setup();
    mock.segmentCreate.mockImplementation((input) => Promise.resolve(segment({ id: 'seg-new', ...input, description: input.description ?? null })));
    renderWithProviders(<SegmentsPage />, { route: '/segments' });
    await user.click(await screen.findByTestId('segment-new'));
    await user.type(await screen.findByTestId('segment-name'), '  VIP 客户二  ');
    expect(screen.getByRole('radio', { name: '动态分组' })).toBeChecked();
    expect(screen.getByTestId('segment-kind-dynamic')).toHaveAttribute('data-checked', 'true');

    // No conditions yet: every customer matches, and the core says how many.
    await waitFor(() => expect(screen.getByTestId('segment-live-count')).toHaveTextContent('符合条件的客户：42'));
    expect(mock.segmentCountCondition).toHaveBeenLastCalledWith({ kind: 'all', items: [] });

    await user.click(await screen.findByTestId('condition-add-test'));
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '客户阶段');
    await waitFor(() =>
      expect(screen.getByTestId('segment-live-count')).toHaveTextContent(
        "条件还不完整：'lifecycle' needs at least one value to compare with",
      ),
    );

    await chooseOption(user, within(testRow(0)).getByTestId('condition-value'), 'VIP');
    await waitFor(() => expect(screen.getByTestId('segment-live-count')).toHaveTextContent('符合条件的客户：42'));
    expect(screen.getByTestId('segment-live-count')).toHaveAttribute('data-count', '42');
    const vip: Condition = { kind: 'all', items: [{ kind: 'test', field: 'lifecycle', op: 'is', values: ['vip'] }] };
    expect(mock.segmentCountCondition).toHaveBeenLastCalledWith(vip);

    await user.click(screen.getByTestId('segment-save'));
    await waitFor(() =>
      expect(mock.segmentCreate).toHaveBeenCalledWith({ name: 'VIP 客户二', kind: 'dynamic', description: null, condition: vip }),
    );
    // The new segment opens.
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/segments/seg-new'));
  });

  test('the live count waits for typing to pause', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SegmentsPage />, { route: '/segments' });
    await user.click(await screen.findByTestId('segment-new'));
    await user.click(screen.getByTestId('condition-add-test'));
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '订单数');
    const asked = { kind: 'all', items: [{ kind: 'test', field: 'orders.count', op: 'gte', values: [] }] };
    await waitFor(() => expect(mock.segmentCountCondition).toHaveBeenLastCalledWith(asked));
    mock.segmentCountCondition.mockClear();
    await user.type(within(testRow(0)).getByTestId('condition-value'), '123');
    await waitFor(() => expect(mock.segmentCountCondition).toHaveBeenCalled());
    // One question for the whole edit, not one per keystroke.
    await new Promise((r) => setTimeout(r, 400));
    expect(mock.segmentCountCondition).toHaveBeenCalledTimes(1);
    expect(mock.segmentCountCondition).toHaveBeenCalledWith({
      kind: 'all',
      items: [{ kind: 'test', field: 'orders.count', op: 'gte', values: ['123'] }],
    });
  });

  test('a fixed segment without conditions says it starts empty and is not counted; a refused save shows the core’s message', async () => {
    const user = userEvent.setup();
    mock.segmentCreate.mockRejectedValue(new IpcFailure('conflict', 'another segment already has this name'));
    renderWithProviders(<SegmentsPage />, { route: '/segments' });
    await user.click(await screen.findByTestId('segment-new'));
    await user.type(await screen.findByTestId('segment-name'), '黑名单');
    await user.click(screen.getByTestId('segment-kind-fixed'));
    expect(screen.getByRole('radio', { name: '固定分组' })).toBeChecked();
    expect(screen.getByTestId('segment-fixed-note')).toHaveTextContent('没有条件的固定分组创建后为空');
    expect(screen.getByTestId('segment-live-count')).toHaveTextContent('创建后为空分组');

    await user.click(screen.getByTestId('segment-save'));
    await waitFor(() =>
      expect(mock.segmentCreate).toHaveBeenCalledWith({ name: '黑名单', kind: 'fixed', description: null, condition: { kind: 'all', items: [] } }),
    );
    expect(await screen.findByTestId('segment-editor-error')).toHaveTextContent('another segment already has this name');
    // Only the dynamic start asked for a count; the empty fixed segment never did.
    expect(mock.segmentCountCondition.mock.calls.every(([c]) => JSON.stringify(c) === '{"kind":"all","items":[]}')).toBe(true);
  });
});
