// The whole surface the page gets: invoke(channel, payload) and on(event, listener), for contract names
// only. No ipcRenderer, no event objects, no Node. Bundled to CommonJS because sandboxed preloads
// cannot load modules.
import { contextBridge, ipcRenderer } from 'electron';
import { isChannelName, isEventName } from '../shared/contract';

const eventChannel = (name: string) => `atelier:event:${name}`;

contextBridge.exposeInMainWorld('atelier', {
  invoke(channel: string, payload: unknown) {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_channel', message: `There is no channel named "${String(channel).slice(0, 80)}".` },
      });
    }
    return ipcRenderer.invoke(channel, payload);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventName(event) || typeof listener !== 'function')
      throw new Error(`There is no event named "${String(event).slice(0, 80)}".`);
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), forward);
    return () => {
      ipcRenderer.removeListener(eventChannel(event), forward);
    };
  },
});
