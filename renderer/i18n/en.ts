// English strings. zh-CN.ts must have exactly the same keys (a test checks it).
export const en = {
  app: { name: 'Atelier', tagline: 'AI image studio' },
  nav: { generate: 'Generate', gallery: 'Gallery', editor: 'Editor', settings: 'Settings', shortcut: 'Shortcut: {{keys}}' },
  status: {
    connecting: 'Connecting to the core…',
    connected: 'Core connected',
    disconnected: 'Core not connected: {{message}}',
    roundTrip: '{{ms}} ms round trip',
    version: 'v{{version}}',
    transport: { electron: 'desktop', harness: 'browser', test: 'test', cli: 'command line' },
  },
  generate: {
    title: 'Generate',
    emptyTitle: 'Nothing generated yet',
    emptyHint: 'Describe an image and pick one or more models. The built-in local model works offline, with no key.',
  },
  gallery: {
    title: 'Gallery',
    emptyTitle: 'Your library is empty',
    emptyHint: 'Every image you generate, edit or drop in is kept here, on this computer, and works offline.',
  },
  editor: {
    title: 'Editor',
    emptyTitle: 'Drop an image to edit',
    emptyHint: 'Drag an image from your desktop or the gallery, paint a mask, and send it to any model that edits.',
  },
  settings: {
    title: 'Settings',
    appearance: 'Appearance',
    theme: 'Theme',
    themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
    language: 'Language',
    languages: { system: 'Follow the system', en: 'English', 'zh-CN': '简体中文' },
    about: 'About',
    version: 'Version',
    library: 'Library folder',
    transport: 'Running in',
  },
  errors: { dismiss: 'Dismiss' },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
