// Texts of the Workflow screens (zh-CN first; `workflowEn` must have the same keys, checked through en.ts).
export const workflowZh = {
  title: '工作流',
};

export const workflowEn: typeof workflowZh = {
  title: 'Workflow',
};
