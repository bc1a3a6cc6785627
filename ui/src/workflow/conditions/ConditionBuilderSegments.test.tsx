// The builder's inputs that only the segment builder's fields bring: order aggregates with a
// window of days, and membership of other segments.
import { useState } from 'react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Condition, ConditionField } from '../../ipc/client';
import { renderWithProviders } from '../../test/render';
import { chooseOption } from '../../test/antdControls';
import { applyLanguage } from '../../i18n';
import { TICKET_FIELDS } from '../workflowFixtures';
import { ConditionBuilder } from './ConditionBuilder';
import type { SegmentOption } from './builderEnv';

const FIELDS: ConditionField[] = [
  { key: 'name', labelZh: '名称', labelEn: 'Name', kind: 'text', options: [] },
  { key: 'orders.count', labelZh: '订单数', labelEn: 'Number of orders', kind: 'aggregate', options: [] },
  { key: 'orders.amount', labelZh: '订单金额', labelEn: 'Order amount', kind: 'aggregate', options: [] },
  { key: 'segment', labelZh: '所属分组', labelEn: 'Segment', kind: 'membership', options: [] },
];
const SEGMENTS: SegmentOption[] = [
  { id: 'seg-vip', name: 'VIP 客户' },
  { id: 'seg-black', name: '黑名单' },
];

function Holder({ initial, onChange, segments = SEGMENTS }: { initial: Condition; onChange: (c: Condition) => void; segments?: SegmentOption[] }) {
  const [value, setValue] = useState(initial);
  return (
    <ConditionBuilder
      value={value}
      fields={FIELDS}
      segments={segments}
      onChange={(c) => {
        setValue(c);
        onChange(c);
      }}
    />
  );
}

const last = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls[fn.mock.calls.length - 1][0] as Condition;
const testRow = (i: number) => screen.getAllByTestId('condition-test')[i];
const segmentOptions = () => [...document.querySelectorAll('.condition-segments-popup .ant-select-item-option')];

beforeEach(async () => {
  await applyLanguage('zh-CN');
});

describe('the builder’s segment inputs', () => {
  test('an order aggregate takes a threshold and an optional window of days (empty: all orders)', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(<Holder initial={{ kind: 'all', items: [] }} onChange={onChange} />);
    await user.click(screen.getByTestId('condition-add-test'));
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '订单金额');
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '大于等于');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'orders.amount', op: 'gte', values: [] }] });
    // Amounts are typed in yuan.
    expect(within(testRow(0)).getByText('元')).toBeInTheDocument();
    const window = within(testRow(0)).getByTestId('condition-window');
    expect(window).toHaveAttribute('placeholder', '全部订单');

    await user.type(within(testRow(0)).getByTestId('condition-value'), '1000');
    await user.type(window, '90');
    expect(last(onChange)).toEqual({
      kind: 'all',
      items: [{ kind: 'test', field: 'orders.amount', op: 'gte', values: ['1000'], windowDays: 90 }],
    });

    // The window stays through another operator and another aggregate, and goes with the field.
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '小于');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'orders.amount', op: 'lt', values: ['1000'], windowDays: 90 }] });
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '订单数');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'orders.count', op: 'lt', values: [], windowDays: 90 }] });
    expect(within(testRow(0)).queryByText('元')).not.toBeInTheDocument();

    // Emptying the window counts every order again.
    await user.clear(within(testRow(0)).getByTestId('condition-window'));
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'orders.count', op: 'lt', values: [] }] });

    await user.type(within(testRow(0)).getByTestId('condition-window'), '30');
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '名称');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'name', op: 'is', values: [] }] });
    expect(within(testRow(0)).queryByTestId('condition-window')).not.toBeInTheDocument();
  });

  test('a stored window shows, also read-only', () => {
    renderWithProviders(
      <ConditionBuilder
        value={{ kind: 'all', items: [{ kind: 'test', field: 'orders.count', op: 'gte', values: ['3'], windowDays: 180 }] }}
        fields={FIELDS}
        onChange={vi.fn()}
        disabled
      />,
    );
    expect(screen.getByTestId('condition-value')).toHaveValue('3');
    expect(screen.getByTestId('condition-window')).toHaveValue('180');
    expect(screen.getByTestId('condition-window')).toBeDisabled();
  });

  test('a membership test picks segments by name and stores their ids', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(<Holder initial={{ kind: 'all', items: [] }} onChange={onChange} />);
    await user.click(screen.getByTestId('condition-add-test'));
    await chooseOption(user, within(testRow(0)).getByTestId('condition-field'), '所属分组');
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'segment', op: 'has_any', values: [] }] });
    await chooseOption(user, within(testRow(0)).getByTestId('condition-op'), '都不含');

    await user.click(within(within(testRow(0)).getByTestId('condition-value')).getByRole('combobox'));
    const offered = await waitFor(() => {
      const options = segmentOptions();
      expect(options.map((o) => o.textContent)).toEqual(['VIP 客户', '黑名单']);
      return options;
    });
    await user.click(offered[1]);
    await user.click(offered[0]);
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'segment', op: 'has_none', values: ['seg-black', 'seg-vip'] }] });
    expect(within(testRow(0)).getByTestId('condition-value')).toHaveTextContent('黑名单VIP 客户');
    expect(within(testRow(0)).queryByTestId('condition-window')).not.toBeInTheDocument();
  });

  test('a segment no longer there still shows, by its id', () => {
    renderWithProviders(
      <Holder
        initial={{ kind: 'all', items: [{ kind: 'test', field: 'segment', op: 'has_any', values: ['seg-gone', 'seg-vip'] }] }}
        onChange={vi.fn()}
      />,
    );
    expect(screen.getByTestId('condition-value')).toHaveTextContent('已删除的分组 seg-goneVIP 客户');
  });

  test('the rule editor’s fields bring none of these inputs, and its tests no window', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderWithProviders(<ConditionBuilder value={{ kind: 'all', items: [] }} fields={TICKET_FIELDS} onChange={onChange} />);
    await user.click(screen.getByTestId('condition-add-test'));
    expect(last(onChange)).toEqual({ kind: 'all', items: [{ kind: 'test', field: 'subject', op: 'is', values: [] }] });
    expect(screen.queryByTestId('condition-window')).not.toBeInTheDocument();
  });
});
