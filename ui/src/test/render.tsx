// Rendering a piece of the UI the way the app hosts it: query cache, antd locale, router and the
// list state, without the startup gate (tests mock the ipc client instead).
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { LocaleProvider } from '../shell/LocaleProvider';
import { CustomerListStateProvider } from '../customers/list/CustomerListState';

/** Shows where the app navigated to, for asserting on it. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

export function renderWithProviders(ui: ReactElement, { route = '/', path = '*' } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <MemoryRouter initialEntries={[route]}>
          <CustomerListStateProvider>
            <Routes>
              <Route path={path} element={ui} />
            </Routes>
            <LocationProbe />
          </CustomerListStateProvider>
        </MemoryRouter>
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
