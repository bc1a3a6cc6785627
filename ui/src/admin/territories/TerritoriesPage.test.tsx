import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IpcFailure, ipc } from '../../ipc/client';
import type { IpcMock } from '../../test/ipcMock';
import { ORG_UNITS, TERRITORIES } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { TerritoriesPage } from './TerritoriesPage';

vi.mock('../../ipc/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../ipc/client')>();
  const { createIpcMock } = await import('../../test/ipcMock');
  return { ...actual, ipc: createIpcMock() };
});
const mock = ipc as unknown as IpcMock;

beforeEach(async () => {
  vi.clearAllMocks();
  await applyLanguage('zh-CN');
  mock.territoryList.mockResolvedValue(TERRITORIES);
  mock.orgList.mockResolvedValue(ORG_UNITS);
});

describe('TerritoriesPage', () => {
  test('lists territories with their unit, places and customer count', async () => {
    renderWithProviders(<TerritoriesPage />);
    const rows = await screen.findAllByTestId('territory-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getAllByTestId('territory-place').map((p) => p.textContent)).toEqual(['中国/山东/青岛', '中国/江苏']);
    expect(rows[0]).toHaveTextContent('销售部');
    expect(rows[0]).toHaveTextContent('42');
    expect(within(rows[1]).getByTestId('territory-place')).toHaveTextContent('美国');
  });

  test('creates a territory with the places entered, a country alone meaning the whole country', async () => {
    const user = userEvent.setup();
    mock.territoryCreate.mockImplementation((input) =>
      Promise.resolve({ id: 't-new', ...input, unitName: '销售一部', customerCount: 0 }),
    );
    renderWithProviders(<TerritoriesPage />);
    await screen.findAllByTestId('territory-row');

    await user.click(screen.getByTestId('add-territory'));
    await user.type(await screen.findByTestId('territory-name'), '华北区');
    await chooseOption(user, screen.getByTestId('territory-unit'), '销售一部');
    await user.type(screen.getByTestId('place-0-country'), '中国');
    await user.type(screen.getByTestId('place-0-province'), ' 河北省 ');
    await user.type(screen.getByTestId('place-0-city'), '石家庄');
    await user.click(screen.getByTestId('add-place'));
    // An empty place is refused before the core is asked.
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('国家、省份、城市至少填写一项')).toBeInTheDocument();
    expect(mock.territoryCreate).not.toHaveBeenCalled();

    await user.type(screen.getByTestId('place-1-country'), '蒙古');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(mock.territoryCreate).toHaveBeenCalledWith({
        name: '华北区',
        unitId: 'o-sales-1',
        places: [
          { country: '中国', province: '河北省', city: '石家庄' },
          { country: '蒙古', province: '', city: '' },
        ],
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('territory-form')).not.toBeInTheDocument());
  });

  test('an overlap with another territory is shown with the core’s explanation', async () => {
    const user = userEvent.setup();
    mock.territoryUpdate.mockRejectedValue(
      new IpcFailure('conflict', "the place 中国/山东/ overlaps //青岛 of territory '青岛办'; a location may belong to one territory only"),
    );
    renderWithProviders(<TerritoriesPage />);
    const rows = await screen.findAllByTestId('territory-row');
    await user.click(within(rows[0]).getByTestId('edit-territory'));
    expect(await screen.findByTestId('territory-name')).toHaveValue('华东区');
    expect(screen.getAllByTestId('place-row')).toHaveLength(2);
    await user.clear(screen.getByTestId('place-0-city'));
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));

    const error = await screen.findByTestId('territory-form-error');
    expect(error).toHaveTextContent('与已有区域冲突');
    expect(error).toHaveTextContent("overlaps //青岛 of territory '青岛办'");
    expect(mock.territoryUpdate).toHaveBeenCalledWith('t-east', {
      name: '华东区',
      unitId: 'o-sales',
      places: [
        { country: '中国', province: '山东', city: '' },
        { country: '中国', province: '江苏', city: '' },
      ],
    });
    expect(screen.getByTestId('territory-form')).toBeInTheDocument();
  });
});
