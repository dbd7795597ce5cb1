/** A set of listeners with an unsubscribe per listener; one listener's error does not starve the others. */
export function listenerSet<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value: T): void {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error('[lockdown] listener failed:', error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
