import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc, type Segment } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { chooseOption, popconfirmButton } from '../test/antdControls';
import { TAGS } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { EXPLANATION, SEGMENTS, SEGMENT_FIELDS, memberRow, memberRows, segment, type SegmentIpcMock } from './segmentFixtures';
import { SegmentPage } from './SegmentPage';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createSegmentIpcMock } = await import('./segmentFixtures');
  return { ...actual, ipc: createSegmentIpcMock() };
});
const mock = ipc as unknown as SegmentIpcMock;

const [VIP, BLACK, MARCH] = SEGMENTS;

function open(s: Segment) {
  mock.segmentGet.mockResolvedValue(s);
  return renderWithProviders(<SegmentPage />, { route: `/segments/${s.id}`, path: '/segments/:id' });
}

const memberRowOf = (name: string) => screen.getAllByTestId('segment-member-row').find((r) => r.textContent?.includes(name))!;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.segmentList.mockResolvedValue(SEGMENTS);
  mock.segmentFields.mockResolvedValue(SEGMENT_FIELDS);
  mock.segmentCount.mockResolvedValue(2);
  mock.segmentMembers.mockResolvedValue({ rows: [memberRow(), memberRow({ id: 'c-2', name: '李雷', lifecycle: 'potential', tier: null, city: '杭州' })], nextCursor: null });
  mock.tagList.mockResolvedValue(TAGS);
});

describe('a segment’s page', () => {
  test('a dynamic segment: name, kind, count, owner; its definition read-only; members with links; no hand edits', async () => {
    mock.segmentCount.mockResolvedValue(128);
    open(VIP);
    expect(await screen.findByTestId('segment-title')).toHaveTextContent('VIP 客户');
    expect(screen.getByTestId('segment-kind')).toHaveTextContent('动态分组');
    expect(await screen.findByTestId('segment-count')).toHaveTextContent(/^128$/);
    expect(screen.getByTestId('segment-owner')).toHaveTextContent('admin');
    expect(screen.queryByTestId('segment-snapshot-at')).not.toBeInTheDocument();

    // The definition in the builder, read-only.
    const definition = await screen.findByTestId('segment-definition');
    await waitFor(() => expect(within(definition).getByTestId('condition-field')).toHaveTextContent('客户阶段'));
    expect(within(definition).getByTestId('condition-value')).toHaveTextContent('VIP');
    expect(within(definition).queryByTestId('condition-add-test')).not.toBeInTheDocument();

    await waitFor(() => expect(screen.getAllByTestId('segment-member-row')).toHaveLength(2));
    expect(within(memberRowOf('张伟')).getByTestId('member-link')).toHaveAttribute('href', '/customers/c-1');
    expect(memberRowOf('张伟')).toHaveTextContent('VIP');
    expect(memberRowOf('张伟')).toHaveTextContent('黄金');
    expect(memberRowOf('张伟')).toHaveTextContent('深圳');
    expect(memberRowOf('李雷')).toHaveTextContent('潜在客户');
    expect(mock.segmentMembers).toHaveBeenCalledWith('seg-vip', null, 50);

    expect(screen.getByTestId('segment-edit')).toBeInTheDocument();
    expect(screen.getByTestId('segment-delete')).toBeInTheDocument();
    expect(screen.queryByTestId('segment-add-members')).not.toBeInTheDocument();
    expect(screen.queryByTestId('segment-resnapshot')).not.toBeInTheDocument();
    expect(screen.queryByTestId('segment-member-remove')).not.toBeInTheDocument();
  });

  test('only a fixed segment takes customers by hand: added through the customer picker, removed per row', async () => {
    const user = userEvent.setup();
    mock.searchCustomers.mockResolvedValue([
      { id: 'c-9', name: '王芳', kind: 'individual', company: '阿里巴巴', city: '杭州', phones: [], emails: [], score: null, matched: 'name', matchedContact: null },
    ]);
    mock.segmentAddMembers.mockResolvedValue(1);
    mock.segmentRemoveMembers.mockResolvedValue(1);
    open(BLACK);
    expect(await screen.findByTestId('segment-definition-empty')).toHaveTextContent('这个固定分组没有条件');
    expect(screen.getByTestId('segment-snapshot-at')).toHaveTextContent('2026-03-02');
    expect(screen.queryByTestId('segment-resnapshot')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('segment-add-members'));
    const picker = await screen.findByTestId('segment-add-customer');
    await user.type(within(picker).getByRole('combobox'), '王芳');
    await user.click(await screen.findByTitle('王芳'));
    await user.click(screen.getByTestId('segment-add-confirm'));
    await waitFor(() => expect(mock.segmentAddMembers).toHaveBeenCalledWith('seg-black', ['c-9']));
    expect(await screen.findByTestId('segment-add-added')).toHaveTextContent('已添加「王芳」');
    await user.click(screen.getByTestId('segment-add-done'));

    await waitFor(() => expect(screen.getAllByTestId('segment-member-row')).toHaveLength(2));
    await user.click(within(memberRowOf('李雷')).getByTestId('segment-member-remove'));
    expect(screen.getByText('把「李雷」移出分组？')).toBeInTheDocument();
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.segmentRemoveMembers).toHaveBeenCalledWith('seg-black', ['c-2']));
  });

  test('only a snapshot is taken again', async () => {
    const user = userEvent.setup();
    mock.segmentResnapshot.mockResolvedValue({ ...MARCH, snapshotAt: '2026-04-01T00:00:00Z' });
    open(MARCH);
    await user.click(await screen.findByTestId('segment-resnapshot'));
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.segmentResnapshot).toHaveBeenCalledWith('seg-march'));
    expect(await screen.findByText('已重新快照「三月大客户」')).toBeInTheDocument();
    expect(screen.queryByTestId('segment-add-members')).not.toBeInTheDocument();
    expect(screen.queryByTestId('segment-member-remove')).not.toBeInTheDocument();
  });

  test('someone who may not change it sees no actions, and can still ask why', async () => {
    open({ ...BLACK, mayEdit: false });
    expect(await screen.findByTestId('segment-readonly')).toHaveTextContent('只有分组的负责人、经理或管理员可以修改这个分组。');
    for (const id of ['segment-edit', 'segment-delete', 'segment-add-members', 'segment-resnapshot']) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
    await waitFor(() => expect(screen.getAllByTestId('segment-why')).toHaveLength(2));
    expect(screen.queryByTestId('segment-member-remove')).not.toBeInTheDocument();
  });

  test('delete asks first and shows the core’s refusal when other segments use it', async () => {
    const user = userEvent.setup();
    mock.segmentDelete.mockRejectedValue(
      new IpcFailure('conflict', "the segments 活跃 VIP are defined by membership of 'VIP 客户'; change them first"),
    );
    open(VIP);
    await user.click(await screen.findByTestId('segment-delete'));
    expect(screen.getByText('删除分组「VIP 客户」？')).toBeInTheDocument();
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(mock.segmentDelete).toHaveBeenCalledWith('seg-vip'));
    expect(
      await screen.findByText("操作失败：the segments 活跃 VIP are defined by membership of 'VIP 客户'; change them first"),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/segments/seg-vip');

    mock.segmentDelete.mockResolvedValue(null);
    await user.click(screen.getByTestId('segment-delete'));
    await user.click(await popconfirmButton(/确\s*定/));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/segments$/));
  });

  test('“load more” asks for the page after the last cursor, 50 at a time', async () => {
    const user = userEvent.setup();
    mock.segmentCount.mockResolvedValue(60);
    mock.segmentMembers.mockImplementation((_id, cursor) =>
      Promise.resolve(cursor === null ? { rows: memberRows(1, 50), nextCursor: '50' } : { rows: memberRows(51, 10), nextCursor: null }),
    );
    open(VIP);
    await waitFor(() => expect(screen.getAllByTestId('segment-member-row')).toHaveLength(50));
    expect(screen.getByTestId('segment-members-shown')).toHaveTextContent('已显示 50 / 60');
    await user.click(screen.getByTestId('segment-members-more'));
    await waitFor(() => expect(screen.getAllByTestId('segment-member-row')).toHaveLength(60));
    expect(mock.segmentMembers).toHaveBeenNthCalledWith(1, 'seg-vip', null, 50);
    expect(mock.segmentMembers).toHaveBeenNthCalledWith(2, 'seg-vip', '50', 50);
    expect(screen.queryByTestId('segment-members-more')).not.toBeInTheDocument();
  });

  test('why: the explanation tree shows each test held or failed, with the customer’s own values', async () => {
    const user = userEvent.setup();
    mock.segmentExplain.mockResolvedValue(EXPLANATION);
    open(VIP);
    await waitFor(() => expect(screen.getAllByTestId('segment-member-row')).toHaveLength(2));
    await user.click(within(memberRowOf('张伟')).getByTestId('segment-why'));
    await waitFor(() => expect(mock.segmentExplain).toHaveBeenCalledWith('seg-vip', 'c-1'));

    const panel = await screen.findByTestId('segment-explanation');
    await waitFor(() => expect(within(panel).getByTestId('explain-member')).toHaveTextContent('不在分组中'));
    // A dynamic segment has no "added at/by".
    expect(within(panel).queryByTestId('explain-facts')).not.toBeInTheDocument();
    const tests = within(panel).getAllByTestId('explain-test');
    expect(tests).toHaveLength(3);
    expect(tests[0]).toHaveAttribute('data-held', 'true');
    expect(tests[0]).toHaveTextContent('客户阶段 是 VIP');
    expect(within(tests[0]).getByTestId('explain-actual')).toHaveTextContent('实际：VIP');
    expect(within(tests[0]).getByTestId('explain-held')).toHaveClass('explain-mark-held');

    expect(tests[1]).toHaveAttribute('data-held', 'false');
    expect(tests[1]).toHaveTextContent('订单金额 大于等于 1000 元 · 最近 90 天');
    expect(within(tests[1]).getByTestId('explain-actual')).toHaveTextContent('实际：250.00 元');
    expect(within(tests[1]).getByTestId('explain-held')).toHaveClass('explain-mark-failed');

    // Membership names the segment, and the "none of" group shows as such.
    expect(tests[2]).toHaveTextContent('所属分组 含任一 黑名单');
    expect(within(tests[2]).getByTestId('explain-actual')).toHaveTextContent('实际：（无）');
    const groups = within(panel).getAllByTestId('explain-group');
    expect(groups.map((g) => [g.getAttribute('data-group'), g.getAttribute('data-held')])).toEqual([['all', 'false'], ['not', 'true']]);
    expect(groups[0]).toHaveTextContent('全部满足');
    expect(groups[1]).toHaveTextContent('不满足');

    await applyLanguage('en');
    expect(within(panel).getAllByTestId('explain-test')[1]).toHaveTextContent('Order amount at least 1000 yuan · last 90 days');
    expect(within(panel).getByTestId('explain-member')).toHaveTextContent('Not in the segment');
    expect(within(panel).getAllByTestId('explain-group')[1]).toHaveTextContent('None of');
  });

  test('why for any customer, picked above the members; a stored member shows when and by whom it was added', async () => {
    const user = userEvent.setup();
    mock.searchCustomers.mockResolvedValue([
      { id: 'c-7', name: '赵敏', kind: 'individual', company: null, city: null, phones: [], emails: [], score: null, matched: 'name', matchedContact: null },
    ]);
    mock.segmentExplain.mockResolvedValue({
      ...EXPLANATION, segmentId: 'seg-black', kind: 'fixed', customerId: 'c-7', customerName: '赵敏', member: true,
      addedAt: '2026-03-02T02:00:00Z', addedBy: 'lina', matchesNow: true, tree: { group: 'all', held: true, test: null, children: [] },
    });
    open(BLACK);
    const picker = await screen.findByTestId('segment-explain-customer');
    await user.type(within(picker).getByRole('combobox'), '赵敏');
    await user.click(await screen.findByTitle('赵敏'));
    await waitFor(() => expect(mock.segmentExplain).toHaveBeenCalledWith('seg-black', 'c-7'));
    const panel = await screen.findByTestId('segment-explanation');
    await waitFor(() => expect(within(panel).getByTestId('explain-member')).toHaveTextContent('在分组中'));
    expect(within(panel).getByTestId('explain-added-by')).toHaveTextContent('lina');
    expect(within(panel).getByTestId('explain-added-at')).toHaveTextContent('2026-03-02');
    // No conditions: nothing to match now; the member was put in by hand.
    expect(within(panel).queryByTestId('explain-matches-now')).not.toBeInTheDocument();
    expect(within(panel).getByTestId('explain-manual')).toHaveTextContent('这位客户是手动加入的');
    expect(panel).toHaveTextContent('这个分组没有条件。');
  });

  test('editing: the kind cannot change, a fixed segment’s conditions are locked, and saving sends the update', async () => {
    const user = userEvent.setup();
    const fixed = { ...BLACK, condition: { kind: 'all' as const, items: [{ kind: 'test' as const, field: 'city', op: 'is' as const, values: ['深圳'] }] } };
    mock.segmentUpdate.mockImplementation((id, input) => Promise.resolve({ ...fixed, id, name: input.name }));
    open(fixed);
    await user.click(await screen.findByTestId('segment-edit'));
    const editor = await screen.findByTestId('segment-editor');
    for (const kind of ['dynamic', 'fixed', 'snapshot']) {
      expect(within(editor).getByTestId(`segment-kind-${kind}`)).toHaveAttribute('data-disabled', 'true');
    }
    expect(within(editor).getByRole('radio', { name: '固定分组' })).toBeDisabled();
    expect(editor).toHaveTextContent('固定分组的成员只能手动增减');
    await waitFor(() => expect(within(editor).getAllByTestId('condition-test')).toHaveLength(1));
    expect(within(editor).queryByTestId('condition-add-test')).not.toBeInTheDocument();
    expect(within(editor).queryByTestId('segment-live-count')).not.toBeInTheDocument();

    const name = within(editor).getByTestId('segment-name');
    await user.clear(name);
    await user.type(name, '深圳黑名单');
    await user.clear(within(editor).getByTestId('segment-description'));
    await user.type(within(editor).getByTestId('segment-description'), '不再联系的深圳客户');
    await user.click(within(editor).getByTestId('segment-save'));
    await waitFor(() =>
      expect(mock.segmentUpdate).toHaveBeenCalledWith('seg-black', {
        name: '深圳黑名单', kind: 'fixed', description: '不再联系的深圳客户', condition: fixed.condition,
      }),
    );
  });

  test('editing a dynamic segment offers the other segments for membership, never itself', async () => {
    const user = userEvent.setup();
    mock.segmentCountCondition.mockResolvedValue(7);
    mock.segmentUpdate.mockImplementation((id, input) => Promise.resolve(segment({ id, ...input, description: input.description ?? null })));
    open(VIP);
    await user.click(await screen.findByTestId('segment-edit'));
    const editor = await screen.findByTestId('segment-editor');
    await waitFor(() => expect(within(editor).getByTestId('segment-live-count')).toHaveTextContent('符合条件的客户：7'));
    await user.click(within(editor).getByTestId('condition-add-test'));
    const added = within(editor).getAllByTestId('condition-test')[1];
    await chooseOption(user, within(added).getByTestId('condition-field'), '所属分组');
    await user.click(within(within(added).getByTestId('condition-value')).getByRole('combobox'));
    const offered = await waitFor(() => {
      const options = [...document.querySelectorAll('.condition-segments-popup .ant-select-item-option')];
      expect(options.length).toBeGreaterThan(0);
      return options;
    });
    expect(offered.map((o) => o.textContent)).toEqual(['黑名单', '三月大客户']);
    await user.click(offered[0]);
    await user.click(within(editor).getByTestId('segment-save'));
    await waitFor(() => expect(mock.segmentUpdate).toHaveBeenCalled());
    expect(mock.segmentUpdate.mock.calls[0][1].condition).toEqual({
      kind: 'all',
      items: [
        { kind: 'test', field: 'lifecycle', op: 'is', values: ['vip'] },
        { kind: 'test', field: 'segment', op: 'has_any', values: ['seg-black'] },
      ],
    });
  });
});
