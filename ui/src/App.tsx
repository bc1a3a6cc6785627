import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LocaleProvider } from './shell/LocaleProvider';
import { StartupGate } from './shell/StartupGate';
import { AuthGate } from './auth/AuthGate';
import { AppShell } from './shell/AppShell';
import { CustomersPage } from './customers/list/CustomersPage';
import { ImportPage } from './imports/ImportPage';
import { DuplicatesPage } from './duplicates/DuplicatesPage';
import { CustomerPage } from './customers/detail/CustomerPage';
import { SettingsPage } from './settings/SettingsPage';
import { CustomerListStateProvider } from './customers/list/CustomerListState';
import { RequireAdmin } from './admin/RequireAdmin';
import { UsersPage } from './admin/users/UsersPage';
import { OrgTreePage } from './admin/org/OrgTreePage';
import { TerritoriesPage } from './admin/territories/TerritoriesPage';
import { AuditPage } from './admin/audit/AuditPage';
import { LeadsPage } from './leads/LeadsPage';
import { LeadPage } from './leads/LeadPage';
import { OpportunityBoardPage } from './opportunities/OpportunityBoardPage';
import { OpportunityPage } from './opportunities/OpportunityPage';
import { FunnelPage } from './opportunities/FunnelPage';
import { DeskPage } from './desk/DeskPage';
import { SlaReportPage } from './desk/SlaReportPage';
import { TicketsPage } from './service/TicketsPage';
import { TicketPage } from './service/TicketPage';
import { RulesPage } from './workflow/RulesPage';
import { TasksPage } from './workflow/TasksPage';
import { SegmentsPage } from './segments/SegmentsPage';
import { SegmentPage } from './segments/SegmentPage';
import { RfmPage } from './rfm/RfmPage';
import { CampaignsPage } from './campaigns/CampaignsPage';
import { CampaignPage } from './campaigns/CampaignPage';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // The data is local and changes only through commands, which announce every change, so
      // there is no reason to refetch on focus or to retry a refused command.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

/** The routes of the app inside its shell; the app is served from files, hence the hash router. */
export function AppRoutes() {
  return (
    <CustomerListStateProvider>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/customers" replace />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/import" element={<ImportPage />} />
          <Route path="customers/duplicates" element={<DuplicatesPage />} />
          <Route path="customers/:id" element={<CustomerPage />} />
          <Route path="segments" element={<SegmentsPage />} />
          <Route path="segments/:id" element={<SegmentPage />} />
          <Route path="rfm" element={<RfmPage />} />
          <Route path="campaigns" element={<CampaignsPage />} />
          <Route path="campaigns/:id" element={<CampaignPage />} />
          <Route path="leads" element={<LeadsPage />} />
          <Route path="leads/:id" element={<LeadPage />} />
          <Route path="opportunities" element={<OpportunityBoardPage />} />
          <Route path="opportunities/:id" element={<OpportunityPage />} />
          <Route path="funnel" element={<FunnelPage />} />
          <Route path="desk" element={<DeskPage />} />
          <Route path="tickets" element={<TicketsPage />} />
          <Route path="tickets/:id" element={<TicketPage />} />
          <Route path="sla" element={<SlaReportPage />} />
          <Route path="rules" element={<RulesPage />} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="admin" element={<RequireAdmin />}>
            <Route index element={<Navigate to="users" replace />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="org" element={<OrgTreePage />} />
            <Route path="territories" element={<TerritoriesPage />} />
            <Route path="audit" element={<AuditPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/customers" replace />} />
        </Route>
      </Routes>
    </CustomerListStateProvider>
  );
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <StartupGate>
          <AuthGate>
            <HashRouter>
              <AppRoutes />
            </HashRouter>
          </AuthGate>
        </StartupGate>
      </LocaleProvider>
    </QueryClientProvider>
  );
}
