import { useState } from 'react';
import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type ScheduleReport, type WorkflowRule } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { currentLanguage } from '../../i18n';
import { ruleDisplayName } from './ruleModel';

/** Switching a rule on or off, running it now, deleting it; each says what happened. */
export function useRuleCommands() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // What "run now" reported, per rule, for as long as the page is open.
  const [reports, setReports] = useState<Record<string, ScheduleReport>>({});
  const name = (rule: WorkflowRule) => ruleDisplayName(rule, currentLanguage());
  // The core announces rule changes too; asking at once shows them without waiting.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.rules });
  const refused = (e: unknown) => void message.error(t('workflow.rules.refused', { message: errorMessage(e) }));

  const setActive = useMutation({
    mutationFn: ({ rule, active }: { rule: WorkflowRule; active: boolean }) => ipc.ruleSetActive(rule.id, active),
    onSuccess: (rule) => {
      refresh();
      void message.success(t(rule.active ? 'workflow.rules.switchedOn' : 'workflow.rules.switchedOff', { name: name(rule) }));
    },
    onError: refused,
  });

  const runNow = useMutation({
    mutationFn: (rule: WorkflowRule) => ipc.ruleRunNow(rule.id),
    onSuccess: (report, rule) => {
      setReports((r) => ({ ...r, [rule.id]: report }));
      refresh();
      // What the rule did shows elsewhere too (tasks, notifications, the records themselves).
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
      void message.success(t('workflow.rules.ran', { matched: report.matched, acted: report.acted }));
    },
    onError: refused,
  });

  const remove = useMutation({
    mutationFn: (rule: WorkflowRule) => ipc.ruleDelete(rule.id),
    onSuccess: (_, rule) => {
      refresh();
      void message.success(t('workflow.rules.deleted', { name: name(rule) }));
    },
    onError: refused,
  });

  return {
    setActive: (rule: WorkflowRule, active: boolean) => setActive.mutate({ rule, active }),
    switchingId: setActive.isPending ? setActive.variables.rule.id : null,
    runNow: (rule: WorkflowRule) => runNow.mutate(rule),
    runningId: runNow.isPending ? runNow.variables.id : null,
    reports,
    remove: (rule: WorkflowRule) => remove.mutate(rule),
  };
}
