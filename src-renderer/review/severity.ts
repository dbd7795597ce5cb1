import type { ProctoringIncidentSeverity } from '@shared/domain/enums';
import type { BadgeTone } from '../components/Badge';

/** Higher is worse; the enum's own order is alphabetical, not by severity. */
export const severityRank: Record<ProctoringIncidentSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const severitiesByRank: readonly ProctoringIncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

export const severityTone: Record<ProctoringIncidentSeverity, BadgeTone> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  critical: 'danger',
};

/** The worse of two severities; `undefined` counts as none. */
export function worse(
  a: ProctoringIncidentSeverity | undefined,
  b: ProctoringIncidentSeverity | undefined,
): ProctoringIncidentSeverity | undefined {
  if (!a) return b;
  if (!b) return a;
  return severityRank[a] >= severityRank[b] ? a : b;
}
