// Texts of the Service desk screens (zh-CN first; `deskEn` must have the same keys, checked through en.ts).
export const deskZh = {
  title: '服务台',
};

export const deskEn: typeof deskZh = {
  title: 'Service desk',
};
