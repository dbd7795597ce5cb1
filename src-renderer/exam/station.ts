import { useStationStore } from '../station/station-store';

/*
 * This station's id, from the station sign-in (station/station-store.ts),
 * when the window is an exam station. Sessions record it, and only this
 * station's unfinished sessions are offered for resumption.
 */
export function currentStationId(): string | undefined {
  return useStationStore.getState().station?.info.id;
}
