import { useEffect } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { NavRail } from './components/NavRail';
import { JobAnnouncer } from './components/JobAnnouncer';
import { QuitDialog } from './components/QuitDialog';
import { ShortcutOverlay } from './components/ShortcutOverlay';
import { StatusBar } from './components/StatusBar';
import { useGalleryWarmUp, useLanguageEffect, useShortcutOverlayKey, useThemeEffect, useViewShortcuts } from './hooks';
import { useShell, type View } from './stores/shell';
import { EditorView } from './views/EditorView';
import { GalleryView } from './views/GalleryView';
import { GenerateView } from './views/GenerateView';
import { SettingsView } from './views/SettingsView';

const screens: Record<View, () => React.JSX.Element> = {
  generate: GenerateView,
  gallery: GalleryView,
  editor: EditorView,
  settings: SettingsView,
};

export function App() {
  const view = useShell((state) => state.view);
  const connection = useShell((state) => state.connection);
  const connect = useShell((state) => state.connect);
  const shortcutsOpen = useShell((state) => state.shortcutsOpen);
  useThemeEffect();
  useLanguageEffect();
  useViewShortcuts();
  useShortcutOverlayKey();
  useGalleryWarmUp();
  useEffect(() => {
    void connect();
  }, [connect]);
  const Screen = screens[view];
  return (
    <div className="app">
      <NavRail />
      <main className="main">
        {connection.state === 'failed' && <ErrorBanner error={connection.error} />}
        <Screen />
      </main>
      <StatusBar />
      <JobAnnouncer />
      <QuitDialog />
      {shortcutsOpen && <ShortcutOverlay />}
    </div>
  );
}
