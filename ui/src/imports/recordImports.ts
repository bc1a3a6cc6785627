// What the import page brings in besides customers: for contacts, leads and orders, which command
// the form calls and how that command's report reads. All three take the same options (the
// encoding, skipping invalid rows, a dry run), save the rejected rows beside the file and record a
// batch in the import history. The rules (which columns, which rows are refused, all or nothing)
// are the core's; this only describes its commands.
import type { QueryKey } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ipc, type RejectedRow } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { sourceOptions, type Encoding } from './encodings';

export type RecordKind = 'contacts' | 'leads' | 'orders';

/** The kind of an import batch's records (its entity), or null for a batch of customers. */
export function recordKindOf(entity: string): RecordKind | null {
  return entity === 'contacts' || entity === 'leads' || entity === 'orders' ? entity : null;
}

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
  run: (path: string, choices: RecordChoices) => Promise<RecordImportOutcome>;
  /** What an applied (or reverted) import makes stale, beyond what the core's change event refreshes. */
  invalidates: QueryKey[];
}

/**
 * Whether the import went in: an applied one records a batch; a dry run records none and counts
 * only when the real run would apply (no row rejected, or the rejected ones skipped).
 */
function applied(report: { batch: string | null; dryRun: boolean; rejected: RejectedRow[] }, skipInvalid: boolean): boolean {
  const wouldApply = report.rejected.length === 0 || skipInvalid;
  return report.batch !== null || (report.dryRun && wouldApply);
}

export const RECORD_IMPORTS: Record<RecordKind, RecordImport> = {
  contacts: {
    run: async (path, { encoding, skipInvalid, dryRun }) => {
      const { report, rejectedFile } = await ipc.contactImport(path, { skipInvalid, dryRun, source: sourceOptions(encoding) });
      return {
        applied: applied(report, skipInvalid),
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
    run: async (path, { encoding, skipInvalid, dryRun }) => {
      const { report, rejectedFile } = await ipc.leadImport(path, { skipInvalid, dryRun, source: sourceOptions(encoding) });
      // A dry run does not run the assignment rules: its summary gives the count alone.
      const counts = { count: report.imported, assigned: report.assigned, pool: report.imported - report.assigned };
      return {
        applied: applied(report, skipInvalid),
        dryRun: report.dryRun,
        summary: (t) => t(report.dryRun ? 'imports.records.leads.wouldImport' : 'imports.records.leads.imported', counts),
        rejected: report.rejected,
        rejectedFile,
      };
    },
    // The batch joins the history.
    invalidates: [queryKeys.importHistory, queryKeys.leads, queryKeys.lead()],
  },
  orders: {
    run: async (path, { encoding, skipInvalid, dryRun }) => {
      const { report, rejectedFile } = await ipc.orderImport(path, { skipInvalid, dryRun, source: sourceOptions(encoding) });
      const counts = { orders: report.orders, lines: report.lines };
      return {
        applied: applied(report, skipInvalid),
        dryRun: report.dryRun,
        summary: (t) => t(report.dryRun ? 'imports.records.orders.wouldImport' : 'imports.records.orders.imported', counts),
        rejected: report.rejected,
        rejectedFile,
      };
    },
    // The batch joins the history; the core's customer event leaves the customers' orders cards
    // as they were.
    invalidates: [queryKeys.importHistory, queryKeys.customer()],
  },
};
