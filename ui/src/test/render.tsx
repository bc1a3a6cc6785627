// Rendering a piece of the UI the way the app hosts it: query cache, antd locale, router, the
// list state and a signed-in user (an administrator unless the test says otherwise), without the
// startup and sign-in gates (tests mock the ipc client instead).
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { LocaleProvider } from '../shell/LocaleProvider';
import { CustomerListStateProvider } from '../customers/list/CustomerListState';
import { CurrentUserContext } from '../auth/CurrentUser';
import type { User } from '../ipc/client';
import { ADMIN } from './fixtures';

/** Shows where the app navigated to, for asserting on it. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

interface Options {
  route?: string;
  path?: string;
  user?: User;
  signOut?: () => Promise<void>;
}

export function renderWithProviders(ui: ReactElement, { route = '/', path = '*', user = ADMIN, signOut }: Options = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const current = { user, isAdmin: user.role === 'admin', signOut: signOut ?? (() => Promise.resolve()) };
  const result = render(
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <CurrentUserContext.Provider value={current}>
          <MemoryRouter initialEntries={[route]}>
            <CustomerListStateProvider>
              <Routes>
                <Route path={path} element={ui} />
              </Routes>
              <LocationProbe />
            </CustomerListStateProvider>
          </MemoryRouter>
        </CurrentUserContext.Provider>
      </LocaleProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
