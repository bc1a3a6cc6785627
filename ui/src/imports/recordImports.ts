// What the import page brings in besides customers: for contacts, leads and orders, what the form
// offers, which command it calls and how that command's report reads. The rules (which columns,
// which rows are refused, all or nothing) are the core's; this only describes its commands.
import type { QueryKey } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ipc, type RejectedRow } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { sourceOptions, type Encoding } from './encodings';

export type RecordKind = 'contacts' | 'leads' | 'orders';

export interface RecordChoices {
  encoding: Encoding;
  skipInvalid: boolean;
  dryRun: boolean;
}

/** One report shape for the three commands, so that one result view shows them all. */
export interface RecordImportOutcome {
  /** The rows went in (on a dry run: would go in); false when a rejected row stopped the file. */
  applied: boolean;
  dryRun: boolean;
  /** What went in, in the user's language. */
  summary: (t: TFunction) => string;
  rejected: RejectedRow[];
  rejectedFile: string | null;
}

interface RecordImport {
  /** Only the contacts import reads other files than UTF-8 CSV. */
  encoding: boolean;
  skipInvalid: boolean;
  /** Whether the core saves the rejected rows beside the file (the checkbox's text says so). */
  savesRejected: boolean;
  dryRun: boolean;
  run: (path: string, choices: RecordChoices) => Promise<RecordImportOutcome>;
  /** What an applied import makes stale, beyond what the core's change event refreshes. */
  invalidates: QueryKey[];
}

export const RECORD_IMPORTS: Record<RecordKind, RecordImport> = {
  contacts: {
    encoding: true,
    skipInvalid: true,
    savesRejected: true,
    dryRun: true,
    run: async (path, { encoding, skipInvalid, dryRun }) => {
      const { report, rejectedFile } = await ipc.contactImport(path, { skipInvalid, dryRun, source: sourceOptions(encoding) });
      // A dry run records no batch; it counts only when the real run would apply.
      const wouldApply = report.rejected.length === 0 || skipInvalid;
      return {
        applied: report.batch !== null || (report.dryRun && wouldApply),
        dryRun: report.dryRun,
        summary: (t) =>
          t(report.dryRun ? 'imports.records.contacts.wouldImport' : 'imports.records.contacts.imported', { count: report.imported }),
        rejected: report.rejected,
        rejectedFile,
      };
    },
    // The batch joins the history; the customers' contacts cards are not refreshed by the core's
    // customer event.
    invalidates: [queryKeys.importHistory, queryKeys.customer()],
  },
  leads: {
    encoding: false,
    skipInvalid: true,
    savesRejected: false,
    dryRun: false,
    run: async (path, { skipInvalid }) => {
      const report = await ipc.leadImportCsv(path, skipInvalid);
      const counts = { count: report.imported, assigned: report.assigned, pool: report.imported - report.assigned };
      return {
        applied: report.rejected.length === 0 || skipInvalid,
        dryRun: false,
        summary: (t) => t('imports.records.leads.imported', counts),
        rejected: report.rejected,
        rejectedFile: null,
      };
    },
    invalidates: [queryKeys.leads, queryKeys.lead()],
  },
  orders: {
    encoding: false,
    skipInvalid: false,
    savesRejected: false,
    dryRun: false,
    run: async (path) => {
      const report = await ipc.orderImportCsv(path);
      return {
        applied: report.rejected.length === 0,
        dryRun: false,
        summary: (t) => t('imports.records.orders.imported', { orders: report.orders, lines: report.lines }),
        rejected: report.rejected,
        rejectedFile: null,
      };
    },
    // The core's customer event leaves the customers' orders cards as they were.
    invalidates: [queryKeys.customer()],
  },
};
