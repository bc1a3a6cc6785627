import { beforeEach, describe, expect, test, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ipc, type SearchHit } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { SEARCH_DEBOUNCE_MS, SearchPalette } from './SearchPalette';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

const hit = (id: string, name: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  id, name, kind: 'individual', company: null, city: '深圳', phones: ['13800000000'], emails: [], score: 0.9,
  matched: 'name', matchedContact: null, ...extra,
});

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.searchCustomers.mockImplementation((query) =>
    Promise.resolve([
      hit('c-1', `${query}-张伟`, { matched: 'pinyin' }),
      hit('c-2', `${query}-华为`, { kind: 'enterprise', company: '华为技术', matched: 'contact', matchedContact: '李娜' }),
      hit('c-3', `${query}-王芳`, { matched: 'phone' }),
    ]),
  );
});

describe('SearchPalette', () => {
  test('searches once the typing pauses, not on every key', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SearchPalette open onClose={vi.fn()} />);
    await user.type(await screen.findByTestId('search-palette-input'), 'zhw');
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(3));
    // Typed faster than the debounce: only the whole query went to the core.
    expect(mock.searchCustomers.mock.calls).toEqual([['zhw', 20]]);

    await act(() => new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS * 2)));
    expect(mock.searchCustomers).toHaveBeenCalledTimes(1);
  });

  test('shows the matched field, with the contact it matched through', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SearchPalette open onClose={vi.fn()} />);
    await user.type(await screen.findByTestId('search-palette-input'), 'zw');
    const results = await screen.findAllByTestId('search-result');
    expect(results[0]).toHaveTextContent('拼音');
    expect(results[1]).toHaveTextContent('联系人 · 李娜');
    expect(results[1]).toHaveTextContent('华为技术');
    expect(results[2]).toHaveTextContent('电话');
    expect(results[2]).toHaveTextContent('13800000000');
  });

  test('moves with the arrow keys and opens the chosen customer with Enter', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithProviders(<SearchPalette open onClose={onClose} />);
    const input = await screen.findByTestId('search-palette-input');
    await user.type(input, 'zw');
    const results = await screen.findAllByTestId('search-result');
    expect(results[0]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getAllByTestId('search-result')[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByTestId('search-result')[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowUp}');
    expect(screen.getAllByTestId('search-result')[2]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Enter}');
    expect(onClose).toHaveBeenCalled();
    expect(screen.getByTestId('location')).toHaveTextContent('/customers/c-3');
  });

  test('Esc closes it', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    renderWithProviders(<SearchPalette open onClose={onClose} />);
    await screen.findByTestId('search-palette-input');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
