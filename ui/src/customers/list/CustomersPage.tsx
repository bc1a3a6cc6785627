import { useCallback, useState } from 'react';
import { Alert, App, Button, Empty, Segmented, Spin } from 'antd';
import { DeleteOutlined, ImportOutlined, MergeOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type CustomerListRow } from '../../ipc/client';
import { useFields, useLiveFields } from '../../classification/queries';
import { CustomerFormDrawer } from '../form/CustomerFormDrawer';
import { useCurrentUser } from '../../auth/CurrentUser';
import { useCustomerListState } from './CustomerListState';
import { useCustomerPages } from './useCustomerPages';
import { useCustomerColumns } from './columns';
import { CustomerTable } from './CustomerTable';
import { FilterBar } from './FilterBar';
import { SortControl } from './SortControl';
import { CustomerCount } from './CustomerCount';
import { ExportButton } from '../../exports/ExportButton';
import { effectiveSort, sortableCustomFields, toCustomerFilter } from './listModel';
import './customerList.css';

export function CustomersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Restoring from the trash is the administrator's (the core refuses anyone else).
  const { isAdmin } = useCurrentUser();
  const { state, setSort, setTrash, clearFilters, scrollOffset } = useCustomerListState();
  const fieldsQuery = useFields();
  const { builtin, custom } = useLiveFields();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const sortable = sortableCustomFields(custom);
  const filter = toCustomerFilter(state, custom.map((f) => f.key));
  const sort = effectiveSort(state.sort, sortable.map((f) => f.key));
  // Until the dimensions are known a filter or sort on a custom one cannot be checked.
  const pages = useCustomerPages(filter, sort, !fieldsQuery.isPending);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const { fetchNextPage } = pages;
  // Never cancel a page in flight: the table asks again on every render near the end.
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);
  const columns = useCustomerColumns();

  const restore = useMutation({
    mutationFn: (row: CustomerListRow) => ipc.customerRestore(row.id),
    onSuccess: (c) => void message.success(t('customers.restoredName', { name: c.name })),
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });

  const hasFilters = filter.fields.length > 0 || filter.tagIds.length > 0;
  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={state.trash ? t('customers.emptyTrash') : t('customers.empty')}
    >
      {hasFilters && <Button onClick={clearFilters}>{t('customers.clearFilters')}</Button>}
    </Empty>
  );

  return (
    <div className="page customers-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('customers.title')}</h1>
        <CustomerCount filter={filter} />
        <div className="toolbar-spacer" />
        <Segmented
          data-testid="trash-toggle"
          value={state.trash ? 'trash' : 'live'}
          onChange={(v) => setTrash(v === 'trash')}
          options={[
            { value: 'live', label: t('customers.title'), icon: <TeamOutlined /> },
            { value: 'trash', label: t('customers.trash'), icon: <DeleteOutlined /> },
          ]}
        />
        <SortControl sort={sort} onChange={setSort} builtin={builtin} sortableCustom={sortable} />
        <Button icon={<ImportOutlined />} data-testid="import-customers" onClick={() => void navigate('/customers/import')}>
          {t('imports.button')}
        </Button>
        <Button icon={<MergeOutlined />} data-testid="find-duplicates" onClick={() => void navigate('/customers/duplicates')}>
          {t('duplicates.button')}
        </Button>
        <ExportButton
          kinds={['customers', 'contacts']}
          customerFilter={hasFilters || filter.trash ? filter : undefined}
        />
        <Button type="primary" icon={<PlusOutlined />} data-testid="new-customer" onClick={() => setCreating(true)}>
          {t('customers.new')}
        </Button>
      </div>
      <FilterBar />
      {pages.isError && (
        <Alert type="error" showIcon title={t('customers.listFailed', { message: errorMessage(pages.error) })} />
      )}
      <div className="table-frame">
        {pages.isPending ? (
          <div className="table-loading">
            <Spin />
          </div>
        ) : (
          <CustomerTable
            rows={rows}
            columns={columns}
            hasNextPage={pages.hasNextPage}
            isFetchingNextPage={pages.isFetchingNextPage}
            fetchNextPage={loadMore}
            sort={sort}
            onSort={setSort}
            resetKey={JSON.stringify([filter, sort])}
            scrollOffset={scrollOffset}
            onRestore={state.trash && isAdmin ? (row) => restore.mutate(row) : undefined}
            restoringId={restore.isPending ? restore.variables.id : null}
            empty={empty}
          />
        )}
      </div>
      <CustomerFormDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
