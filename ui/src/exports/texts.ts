// Texts of the export button and its dialog, in both languages.

export const exportsZh = {
  button: '导出',
  title: '导出到文件',
  what: '导出内容',
  kinds: { customers: '客户', contacts: '联系人', leads: '线索', opportunities: '商机', tickets: '工单' },
  onlyFiltered: '只导出当前列表筛选出的客户（否则导出你可查看的全部客户）',
  format: '格式',
  path: '保存到',
  pathPlaceholder: '文件的完整路径，例如 {{example}}',
  note: '文件只包含你有权查看的记录；以 = + - @ 开头的单元格按文本写入，电子表格不会把它们当作公式执行。',
  confirm: '导出',
  failed: '无法导出',
  done: '已导出 {{count}} 条记录到 {{path}}',
};

export const exportsEn: typeof exportsZh = {
  button: 'Export',
  title: 'Export to a file',
  what: 'Export',
  kinds: { customers: 'Customers', contacts: 'Contacts', leads: 'Leads', opportunities: 'Opportunities', tickets: 'Tickets' },
  onlyFiltered: 'Only the customers the list’s current filter shows (otherwise every customer you may see)',
  format: 'Format',
  path: 'Save to',
  pathPlaceholder: 'The full path of the file, e.g. {{example}}',
  note: 'The file holds only the records you may see; cells beginning with = + - @ are written as text, so spreadsheets do not run them as formulas.',
  confirm: 'Export',
  failed: 'Cannot export',
  done: 'Exported {{count}} records to {{path}}',
};
