// Texts of the Tickets screens (zh-CN first; `serviceEn` must have the same keys, checked through en.ts).
export const serviceZh = {
  title: '工单',
};

export const serviceEn: typeof serviceZh = {
  title: 'Tickets',
};
