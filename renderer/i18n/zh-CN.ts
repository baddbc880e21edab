import type { Messages } from './en';

export const zhCN: Messages = {
  app: { name: 'Atelier', tagline: 'AI 图像工作室' },
  nav: { generate: '生成', gallery: '图库', editor: '编辑', settings: '设置', shortcut: '快捷键:{{keys}}' },
  status: {
    connecting: '正在连接核心…',
    connected: '核心已连接',
    disconnected: '核心未连接:{{message}}',
    roundTrip: '往返 {{ms}} 毫秒',
    version: 'v{{version}}',
    transport: { electron: '桌面版', harness: '浏览器', test: '测试', cli: '命令行' },
  },
  generate: {
    title: '生成',
    emptyTitle: '还没有生成任何图片',
    emptyHint: '描述一张图片,选择一个或多个模型。内置的本地模型无需密钥,离线即可使用。',
  },
  gallery: {
    title: '图库',
    emptyTitle: '图库是空的',
    emptyHint: '你生成、编辑或拖入的每张图片都保存在这台电脑上,离线也能使用。',
  },
  editor: {
    title: '编辑',
    emptyTitle: '拖入一张图片开始编辑',
    emptyHint: '从桌面或图库拖入图片,涂抹蒙版,然后发送给任意支持编辑的模型。',
  },
  settings: {
    title: '设置',
    appearance: '外观',
    theme: '主题',
    themes: { system: '跟随系统', light: '浅色', dark: '深色' },
    language: '语言',
    languages: { system: '跟随系统', en: 'English', 'zh-CN': '简体中文' },
    about: '关于',
    version: '版本',
    library: '图库文件夹',
    transport: '运行方式',
  },
  errors: { dismiss: '关闭' },
};
