// The browser side of the harness: defines the same `window.atelier` surface the Electron preload
// exposes (invoke → envelope, on → unsubscribe), over a WebSocket. Served as a plain script before
// the renderer's bundle, so the renderer cannot tell which transport it runs on.
// `tokenCookie` is the cookie the server checks media requests against: one name per server, because a
// browser keeps one cookie jar per host whatever the port, and two `atelier serve` runs share 127.0.0.1.
export const bridgeClientSource = (tokenCookie: string): string => String.raw`(() => {
  'use strict';
  const tokenCookie = ${JSON.stringify(tokenCookie)};
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get('token') || sessionStorage.getItem('atelier.token') || '';
  if (hash.get('token')) {
    sessionStorage.setItem('atelier.token', token);
    history.replaceState(null, '', location.pathname + location.search);
  }
  document.cookie = tokenCookie + '=' + encodeURIComponent(token) + '; path=/; SameSite=Strict';

  const pending = new Map();
  const listeners = new Map();
  let nextId = 1;
  let socket = null;
  let opened = null;
  let retryDelay = 250;

  // kind: one of shared/errors.ts's errorKinds (this script is plain text, so it cannot import them).
  function fail(kind, message) {
    return { ok: false, error: { code: 'unavailable', message, details: { kind } } };
  }

  function connect() {
    opened = new Promise((resolve) => {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__atelier/ws?token=' + encodeURIComponent(token);
      socket = new WebSocket(url);
      socket.onopen = () => { retryDelay = 250; resolve(true); };
      socket.onmessage = (message) => {
        let data;
        try { data = JSON.parse(message.data); } catch { return; }
        if (data.type === 'result' && pending.has(data.id)) {
          pending.get(data.id)(data.envelope);
          pending.delete(data.id);
        } else if (data.type === 'event') {
          for (const listener of listeners.get(data.event) || []) {
            try { listener(data.payload); } catch (error) { console.error(error); }
          }
        }
      };
      socket.onclose = () => {
        resolve(false);
        for (const [id, settle] of pending) {
          settle(fail('core_connection_lost', 'The connection to Atelier was lost. Is "atelier serve" still running?'));
          pending.delete(id);
        }
        setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 5000);
      };
    });
  }
  connect();

  window.atelier = Object.freeze({
    invoke(channel, payload) {
      return opened.then((isOpen) => {
        if (!isOpen || socket.readyState !== WebSocket.OPEN) {
          return fail('core_not_connected', 'Atelier is not connected. Open the address that "atelier serve" printed, with its #token.');
        }
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve);
          socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
        });
      });
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  });
})();
`;
