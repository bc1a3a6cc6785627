import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { ipc } from '../ipc/client';
import type { IpcMock } from '../test/ipcMock';
import { ADMIN, FIELDS, SALES_REP, TAGS, user } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { applyLanguage } from '../i18n';
import { DimensionsPanel } from './DimensionsPanel';
import { TagsPanel } from './TagsPanel';

vi.mock('../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc/client')>();
  const { createIpcMock } = await import('../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;
const MANAGER = user({ id: 'u-m', login: 'han', displayName: '韩梅梅', role: 'manager' });

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.fieldList.mockResolvedValue(FIELDS);
  mock.tagList.mockResolvedValue(TAGS);
});

// The core refuses these changes to the others; the panels do not offer them.
describe('settings offer changes only to those the core allows', () => {
  test('dimensions: the administrator edits, a manager only reads', async () => {
    const admin = renderWithProviders(<DimensionsPanel />, { user: ADMIN });
    expect(await screen.findAllByTestId('dimension-row')).toHaveLength(FIELDS.length);
    expect(screen.getByTestId('new-dimension')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /编\s?辑/ }).length).toBeGreaterThan(0);
    admin.unmount();

    renderWithProviders(<DimensionsPanel />, { user: MANAGER });
    expect(await screen.findAllByTestId('dimension-row')).toHaveLength(FIELDS.length);
    expect(screen.getByText('只有管理员可以修改维度。')).toBeInTheDocument();
    expect(screen.queryByTestId('new-dimension')).toBeNull();
    expect(screen.queryByRole('button', { name: /编\s?辑/ })).toBeNull();
  });

  test('tags: a manager edits, a sales rep only reads', async () => {
    const manager = renderWithProviders(<TagsPanel />, { user: MANAGER });
    expect(await screen.findAllByTestId('tag-item')).toHaveLength(TAGS.length);
    expect(screen.getByTestId('new-tag')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: '编辑' })).toHaveLength(TAGS.length);
    manager.unmount();

    renderWithProviders(<TagsPanel />, { user: SALES_REP });
    expect(await screen.findAllByTestId('tag-item')).toHaveLength(TAGS.length);
    expect(screen.getByText('只有经理或管理员可以修改标签。')).toBeInTheDocument();
    expect(screen.queryByTestId('new-tag')).toBeNull();
    expect(screen.queryByRole('button', { name: '编辑' })).toBeNull();
  });
});
