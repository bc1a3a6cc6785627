// The one module tests replace: the ipc client. Each command is a vi.fn the test programs;
// IpcFailure and the error helpers stay real.
import { vi, type Mock } from 'vitest';
import type { Ipc } from '../ipc/client';

export type IpcMock = { [K in keyof Ipc]: Mock<Ipc[K]> };

export function createIpcMock(): IpcMock {
  const unexpected = (name: string) =>
    vi.fn(() => Promise.reject(new Error(`unexpected ipc call ${name}`)));
  const names: (keyof Ipc)[] = [
    'appInfo', 'settingsSetLanguage', 'authStatus', 'authSetup', 'authSignIn', 'authSignOut', 'authStaySignedIn',
    'authChangePassword', 'userList', 'userAdd', 'userUpdate', 'userSetActive', 'userResetPassword', 'orgList',
    'orgCreate', 'orgRename', 'orgMove', 'orgDelete', 'territoryList', 'territoryCreate', 'territoryUpdate',
    'territoryDelete', 'auditList', 'customerList', 'customerCount', 'customerDistinctValues', 'customerGet',
    'customerCreate', 'customerUpdate', 'customerDelete', 'customerRestore', 'customerHistory', 'activityList',
    'activityAdd', 'contactList', 'contactCreate', 'contactUpdate', 'contactDelete', 'fieldList', 'fieldCreate',
    'fieldUpdate', 'fieldDelete', 'fieldRestore', 'tagList', 'tagCreate', 'tagUpdate', 'tagDelete', 'searchCustomers',
    'leadList', 'leadGet', 'leadCreate', 'leadUpdate', 'leadAct', 'leadFollowUp', 'leadMatches', 'leadCustomerDraft',
    'leadConvert', 'leadAssignPool', 'leadAssignees', 'leadImport', 'poolRulesGet', 'poolRulesSet',
    'assignmentRuleList', 'assignmentRuleSave', 'assignmentRuleDelete', 'assignmentRuleReorder', 'stageList',
    'stageSave', 'opportunityList', 'opportunityBoard', 'opportunityGet', 'opportunityCreate', 'opportunityUpdate',
    'opportunityMove', 'opportunityDelete', 'funnelReport', 'customerLeads',
  ];
  return Object.fromEntries(names.map((n) => [n, unexpected(n)])) as unknown as IpcMock;
}
