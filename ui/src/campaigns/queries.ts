// The queries and commands of the campaign screens, so that one key always means one command.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ipc, type CampaignInput, type DeliveryRequest, type RecipientMark, type RecipientOutcome, type SmtpSettingsInput } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

/** Recipients are read this many at a time; "load more" asks for the page after the cursor. */
export const RECIPIENTS_PAGE = 50;
/** How many of the segment's members the preview offers to pick from. */
export const PREVIEW_MEMBERS = 100;

export function useCampaigns() {
  return useQuery({ queryKey: queryKeys.campaignList, queryFn: () => ipc.campaignList() });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: queryKeys.campaign(id), queryFn: () => ipc.campaignGet(id) });
}

export function useCampaignAudience(id: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.campaignAudience(id), queryFn: () => ipc.campaignAudience(id), enabled });
}

export function useCampaignPreview(id: string, customerId: string | null) {
  return useQuery({
    queryKey: queryKeys.campaignPreview(id, customerId ?? ''),
    queryFn: () => ipc.campaignPreview(id, customerId ?? ''),
    enabled: customerId !== null,
  });
}

export function useCampaignResults(id: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.campaignResults(id), queryFn: () => ipc.campaignResults(id), enabled });
}

/** The recipients with this outcome (null: all), RECIPIENTS_PAGE at a time, each page after the last one's cursor. */
export function useCampaignRecipients(id: string, outcome: RecipientOutcome | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.campaignRecipients(id, outcome),
    queryFn: ({ pageParam }) => ipc.campaignRecipients(id, outcome, pageParam, RECIPIENTS_PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The first members of the campaign's segment, for picking whose message to preview. */
export function usePreviewMembers(segmentId: string) {
  return useQuery({
    queryKey: queryKeys.segmentFirstMembers(segmentId, PREVIEW_MEMBERS),
    queryFn: () => ipc.segmentMembers(segmentId, null, PREVIEW_MEMBERS),
  });
}

export function useEmlDirectory(name: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.emlDirectory(name),
    queryFn: () => ipc.campaignDefaultEmlDirectory(name),
    enabled,
    staleTime: Infinity,
  });
}

export function useCustomerCampaigns(customerId: string) {
  return useQuery({ queryKey: queryKeys.customerCampaigns(customerId), queryFn: () => ipc.customerCampaigns(customerId) });
}

/** Administrators only: the core refuses anyone else. */
export function useSmtpSettings(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.smtpSettings, queryFn: () => ipc.smtpSettingsGet(), enabled });
}

/**
 * Creates a campaign (no id) or changes one. The core announces campaign changes too; asking at
 * once shows them without waiting.
 */
export function useSaveCampaign(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) => (id ? ipc.campaignUpdate(id, input) : ipc.campaignCreate(input)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.campaign(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
    },
  });
}

export function useDeleteCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ipc.campaignDelete(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: queryKeys.campaign(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaignList });
    },
  });
}

/** Sends (or continues sending); afterwards everything about the campaign and its customers is stale. */
export function useSendCampaign(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DeliveryRequest) => ipc.campaignSend(id, request),
    // Also when refused: a run that failed half-way may have changed the status.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customer() });
    },
  });
}

export interface MarkInput {
  customerIds: string[];
  mark: RecipientMark;
  on: boolean;
}

export function useMarkRecipients(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerIds, mark, on }: MarkInput) => ipc.campaignMark(id, customerIds, mark, on),
    onSuccess: (_, { customerIds, mark }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
      for (const customerId of customerIds) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.customerCampaigns(customerId) });
        if (mark === 'unsubscribed') void queryClient.invalidateQueries({ queryKey: queryKeys.customerRecord(customerId) });
      }
    },
  });
}

export function useSetUnsubscribed(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unsubscribed: boolean) => ipc.customerSetUnsubscribed(customerId, unsubscribed),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.customerCampaigns(customerId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns });
    },
  });
}

export function useSaveSmtpSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SmtpSettingsInput) => ipc.smtpSettingsSet(input),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.smtpSettings, saved),
  });
}

export function useTestSmtp() {
  return useMutation({ mutationFn: () => ipc.smtpTest() });
}
