/*
 * The window's view of the network. `navigator.onLine` false is reliable
 * (no usable network interface); true only means "maybe", which is why the
 * live stream still proves the server reachable before reporting online.
 */

export interface NetworkMonitor {
  readonly online: boolean;
  /** Calls back on every online/offline event; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export function browserNetwork(target: Window = window): NetworkMonitor {
  return {
    get online() {
      return target.navigator.onLine;
    },
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      return () => {
        target.removeEventListener('online', online);
        target.removeEventListener('offline', offline);
      };
    },
  };
}
