import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Customer, DuplicateCluster, DuplicateScan, MergeEntry } from '../ipc/client';
import { renderWithProviders } from '../test/render';
import { popconfirmButton } from '../test/antdControls';
import { FIELDS, TAGS, customer } from '../test/fixtures';
import { applyLanguage } from '../i18n';
import { DuplicatesPage } from './DuplicatesPage';

// Through the real client and bindings down to Tauri's IPC: the commands and argument names the
// core receives are what these tests assert.
type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

/** How the core refuses: the runtime rejects with the serialised IpcError, a plain object. */
function refuse(code: string, message: string): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject({ code, message });
}

const ZHANG: Customer = customer({
  id: 'c-a', name: '张三', phones: ['13800000001'], company: '华为', owner: '李娜', province: '广东', city: '深圳',
  tier: 'gold', industry: null, tagIds: ['t-key'], custom: { budget: 100 }, createdAt: '2025-01-01T01:00:00Z',
});
const ZHANG2: Customer = customer({
  id: 'c-b', name: '章三', phones: ['13800000001', '13900000002'], company: '华为', owner: '王五', province: '广东',
  city: '广州', tier: null, industry: 'it', tagIds: ['t-loyal'], custom: { region: 'domestic' },
  createdAt: '2025-03-01T01:00:00Z',
});
const ZHANG3: Customer = customer({
  id: 'c-c', name: '张三', phones: ['13800000001'], company: '华为', owner: '李娜', province: '广东', city: '深圳',
  tier: 'gold', industry: null, source: 'website', tagIds: [], custom: {}, createdAt: '2025-05-01T01:00:00Z',
});
const CUSTOMERS: Record<string, Customer> = { 'c-a': ZHANG, 'c-b': ZHANG2, 'c-c': ZHANG3 };

function member(c: Customer) {
  return {
    id: c.id, name: c.name, kind: c.kind, phones: c.phones, emails: c.emails, company: c.company, province: c.province,
    city: c.city, owner: c.owner, createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}

const PAIR: DuplicateCluster = {
  score: 92,
  members: [member(ZHANG), member(ZHANG2)],
  reasons: [
    { evidence: 'phone', value: '13800000001' },
    { evidence: 'sounds_alike', value: 'zhangsan' },
  ],
};
const TRIO: DuplicateCluster = {
  score: 64,
  members: [member(ZHANG), member(ZHANG2), member(ZHANG3)],
  reasons: [{ evidence: 'company', value: '华为' }],
};
const SCAN: DuplicateScan = {
  scanned: 120,
  found: 3,
  clusters: [PAIR, TRIO],
  commonKeys: [{ evidence: 'phone', value: '4008001234', customers: 312 }],
};

const ENTRY: MergeEntry = {
  id: 'm-1', survivorId: 'c-a', survivorName: '张三', merged: [{ id: 'c-b', name: '章三' }], movedRecords: 7,
  mergedAt: '2026-03-01T09:00:00.000Z', mergedBy: 'alice', undoneAt: null, undoneBy: null,
};

let handlers: Record<string, Handler>;
const calls = vi.fn<(cmd: string, args: Args) => void>();

function callsOf(cmd: string): Args[] {
  return calls.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

beforeEach(async () => {
  calls.mockClear();
  await applyLanguage('zh-CN');
  handlers = {
    field_list: () => FIELDS,
    tag_list: () => TAGS,
    duplicate_scan: () => SCAN,
    merge_history: () => [ENTRY],
    customer_get: ({ id }) => CUSTOMERS[id as string] ?? refuse('not_found', `no customer '${String(id)}'`),
  };
  mockIPC((cmd, args) => {
    calls(cmd, (args ?? {}) as Args);
    const handler = handlers[cmd];
    return handler ? handler((args ?? {}) as Args) : refuse('internal', `unexpected command ${cmd}`);
  });
});

afterEach(() => clearMocks());

async function openCluster(user: UserEvent, index: number) {
  const clusters = await screen.findAllByTestId('duplicate-cluster');
  await user.click(clusters[index]);
  await screen.findByTestId('merge-table');
}

async function confirmMerge(user: UserEvent) {
  await user.click(screen.getByTestId('merge-confirm'));
  await user.click(await screen.findByTestId('merge-confirm-ok'));
}

describe('the duplicate scan', () => {
  test('shows the summary, the common keys and the clusters with their reasons, and scans again', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DuplicatesPage />);

    expect(await screen.findByTestId('duplicates-summary')).toHaveTextContent(
      '已检查 120 位客户，发现 3 组疑似重复，只显示最相近的 2 组',
    );
    expect(screen.getByTestId('duplicates-common-keys')).toHaveTextContent('电话 4008001234 由 312 位客户共用，未按它比对');
    const clusters = screen.getAllByTestId('duplicate-cluster');
    expect(clusters).toHaveLength(2);
    expect(within(clusters[0]).getByTestId('duplicate-score')).toHaveTextContent('92');
    expect(within(clusters[0]).getByTestId('duplicate-names')).toHaveTextContent('张三 / 章三');
    expect(within(clusters[0]).getAllByTestId('duplicate-reason').map((t) => t.textContent)).toEqual([
      '同一电话：13800000001',
      '同音：zhangsan',
    ]);
    expect(within(clusters[1]).getByTestId('duplicate-reason')).toHaveTextContent('同一公司：华为');
    expect(callsOf('duplicate_scan')).toEqual([{ options: { minScore: 50, limit: 200 } }]);

    await act(() => applyLanguage('en'));
    expect(screen.getByTestId('duplicates-summary')).toHaveTextContent(
      '120 customers checked, 3 groups of likely duplicates; only the 2 strongest are shown',
    );
    expect(within(screen.getAllByTestId('duplicate-cluster')[0]).getAllByTestId('duplicate-reason')[1]).toHaveTextContent(
      'Sounds alike: zhangsan',
    );

    handlers.duplicate_scan = () => ({ scanned: 120, found: 0, clusters: [], commonKeys: [] });
    const minScore = screen.getByTestId('duplicate-min-score');
    await user.clear(minScore);
    await user.type(minScore, '95');
    await user.click(screen.getByTestId('duplicate-scan'));
    expect(await screen.findByTestId('duplicates-empty')).toHaveTextContent('No likely duplicates found');
    expect(screen.getByTestId('duplicates-summary')).toHaveTextContent('120 customers checked, 0 groups of likely duplicates');
    expect(callsOf('duplicate_scan').at(-1)).toEqual({ options: { minScore: 95, limit: 200 } });
  });
});

describe('the merge review', () => {
  test('another survivor and another name: the exact request, then the kept customer can be opened', async () => {
    const user = userEvent.setup();
    handlers.customer_merge = () => ({ ...ENTRY, survivorId: 'c-b', survivorName: '张三', merged: [{ id: 'c-a', name: '张三' }] });
    renderWithProviders(<DuplicatesPage />);
    await openCluster(user, 0);
    expect(callsOf('customer_get')).toEqual(expect.arrayContaining([{ id: 'c-a' }, { id: 'c-b' }]));

    // The oldest is kept by default, and its own values are chosen.
    expect(screen.getByTestId('merge-survivor-0')).toBeChecked();
    expect(screen.getByTestId('merge-pick-name-0')).toBeChecked();
    expect(screen.getByTestId('merge-include-0')).toBeDisabled();
    // Same company on both: nothing to choose.
    expect(screen.queryByTestId('merge-pick-company-0')).toBeNull();
    // Both phones once each: the shared number is not repeated.
    const phones = screen.getByTestId('merge-kept-phones');
    expect(within(phones).getAllByText(/^\d+$/).map((e) => e.textContent)).toEqual(['13800000001', '13900000002']);
    expect(phones).toHaveTextContent('全部保留');
    expect(screen.getByTestId('merge-kept-tagIds')).toHaveTextContent('重点跟进老客户');

    await user.click(screen.getByTestId('merge-survivor-1'));
    // Now the second one's values lead, except where it has none (tier, budget): as the core does.
    expect(screen.getByTestId('merge-pick-name-1')).toBeChecked();
    expect(screen.getByTestId('merge-pick-tier-0')).toBeChecked();
    expect(screen.getByTestId('merge-pick-industry-1')).toBeChecked();
    expect(screen.getByTestId('merge-pick-custom.budget-0')).toBeChecked();
    await user.click(screen.getByTestId('merge-pick-name-0'));

    await user.click(screen.getByTestId('merge-confirm'));
    expect(await screen.findByTestId('merge-confirm-text')).toHaveTextContent(
      '将 1 位客户合并到「章三」？被合并的客户移入回收站，可在合并记录中撤销。',
    );
    await user.click(screen.getByTestId('merge-confirm-ok'));

    await waitFor(() => expect(callsOf('customer_merge')).toHaveLength(1));
    expect(callsOf('customer_merge')[0]).toEqual({
      request: { survivorId: 'c-b', mergedIds: ['c-a'], picks: { name: 'c-a', tier: 'c-a', 'custom.budget': 'c-a' } },
    });
    expect(await screen.findByText('已合并到「张三」')).toBeInTheDocument();
    await waitFor(() => expect(callsOf('duplicate_scan')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByTestId('merge-review')).toBeNull());

    await user.click(screen.getByTestId('merge-open-kept'));
    expect(screen.getByTestId('location')).toHaveTextContent('/customers/c-b');
  });

  test('a left-out member is not merged and gives no values; one member alone cannot be merged', async () => {
    const user = userEvent.setup();
    handlers.customer_merge = () => ENTRY;
    renderWithProviders(<DuplicatesPage />);
    await openCluster(user, 1);

    // Only the third has a source: included, it would fill the survivor's empty one.
    expect(screen.getByTestId('merge-pick-source-2')).toBeChecked();
    await user.click(screen.getByTestId('merge-include-2'));
    expect(screen.getByTestId('merge-include-2')).not.toBeChecked();
    expect(screen.queryByTestId('merge-pick-source-2')).toBeNull();

    await user.click(screen.getByTestId('merge-include-1'));
    expect(screen.getByTestId('merge-confirm')).toBeDisabled();
    expect(screen.getByTestId('dismiss-duplicates')).toBeDisabled();
    expect(screen.getByTestId('merge-need-two')).toHaveTextContent('至少包含 2 位客户才能合并');

    await user.click(screen.getByTestId('merge-include-1'));
    await confirmMerge(user);
    await waitFor(() => expect(callsOf('customer_merge')).toHaveLength(1));
    // The survivor lacks an industry and a region, which the second fills; the third's source is gone.
    expect(callsOf('customer_merge')[0]).toEqual({
      request: { survivorId: 'c-a', mergedIds: ['c-b'], picks: { industry: 'c-b', 'custom.region': 'c-b' } },
    });
  });

  test('“not duplicates” sends the members and scans again', async () => {
    const user = userEvent.setup();
    handlers.duplicate_dismiss = () => null;
    renderWithProviders(<DuplicatesPage />);
    await openCluster(user, 1);
    await user.click(screen.getByTestId('merge-include-1'));
    await user.click(screen.getByTestId('dismiss-duplicates'));

    await waitFor(() => expect(callsOf('duplicate_dismiss')).toEqual([{ ids: ['c-a', 'c-c'] }]));
    await waitFor(() => expect(callsOf('duplicate_scan')).toHaveLength(2));
    expect(await screen.findByText('已记下：这些客户不是重复，查重不再提示')).toBeInTheDocument();
  });

  test('a refused merge shows the core’s reason and keeps the choices', async () => {
    const user = userEvent.setup();
    handlers.customer_merge = () =>
      refuse('conflict', "customer '章三' was changed by bob after it was read; look at it again");
    renderWithProviders(<DuplicatesPage />);
    await openCluster(user, 0);
    await user.click(screen.getByTestId('merge-survivor-1'));
    await user.click(screen.getByTestId('merge-pick-name-0'));
    await confirmMerge(user);

    expect(await screen.findByTestId('merge-error')).toHaveTextContent("customer '章三' was changed by bob");
    expect(screen.getByTestId('merge-error')).toHaveTextContent('无法合并');
    expect(screen.getByTestId('merge-survivor-1')).toBeChecked();
    expect(screen.getByTestId('merge-pick-name-0')).toBeChecked();
    expect(callsOf('duplicate_scan')).toHaveLength(1);
  });
});

describe('the merge history', () => {
  test('lists a merge, undoes it after confirmation, and shows why an undo is refused', async () => {
    const user = userEvent.setup();
    handlers.merge_undo = () => ({ ...ENTRY, undoneAt: '2026-03-02T09:00:00.000Z', undoneBy: 'alice' });
    renderWithProviders(<DuplicatesPage />);
    await user.click(screen.getByTestId('duplicates-tab-history'));

    const history = await screen.findByTestId('merge-history');
    expect(history).toHaveTextContent('张三');
    expect(history).toHaveTextContent('章三');
    expect(history).toHaveTextContent('alice');
    expect(within(history).getByRole('link', { name: '张三' })).toHaveAttribute('href', '/customers/c-a');

    await user.click(screen.getByTestId('merge-undo-m-1'));
    await user.click(await popconfirmButton(/撤\s*销/));
    await waitFor(() => expect(callsOf('merge_undo')).toEqual([{ merge: 'm-1' }]));
    expect(await screen.findByText('已撤销合并，恢复了 章三')).toBeInTheDocument();
    await waitFor(() => expect(callsOf('merge_history')).toHaveLength(2));
  });

  test('an undone merge offers no undo; a refused undo shows the core’s reason', async () => {
    const user = userEvent.setup();
    const undone = { ...ENTRY, id: 'm-0', undoneAt: '2026-02-01T09:00:00.000Z', undoneBy: 'alice' };
    handlers.merge_history = () => [ENTRY, undone];
    handlers.merge_undo = () =>
      refuse('conflict', "customer '张三' was changed by bob at 2026-03-02 after the merge; undoing it would throw that change away");
    renderWithProviders(<DuplicatesPage />);
    await user.click(screen.getByTestId('duplicates-tab-history'));

    expect(await screen.findByTestId('merge-undone-m-0')).toHaveTextContent('撤销于');
    expect(screen.queryByTestId('merge-undo-m-0')).toBeNull();
    await user.click(screen.getByTestId('merge-undo-m-1'));
    await user.click(await popconfirmButton(/撤\s*销/));
    await waitFor(() => expect(callsOf('merge_undo')).toEqual([{ merge: 'm-1' }]));
    expect(await screen.findByText(/无法撤销: customer '张三' was changed by bob/)).toBeInTheDocument();
  });
});
