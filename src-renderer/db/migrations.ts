import type { MigrationStrategies } from 'rxdb';
import { collectionLayout, type CollectionName } from '@shared/storage/layout';

/*
 * Migration strategies derive from the layout's schema history: step N adds
 * fields to one kind, and documents written before it get the step's values.
 * Offline clients upgrade at different times, so every step must stay
 * replayable from any older version; RxDB runs them in order.
 */
export function migrationStrategiesFor(collection: CollectionName, version?: number): MigrationStrategies {
  const strategies: MigrationStrategies = {};
  collectionLayout[collection].history.slice(0, version).forEach((step, index) => {
    strategies[index + 1] = (doc: Record<string, unknown>) => {
      if (doc.kind !== step.kind) return doc;
      const migrated = { ...doc };
      for (const [field, value] of Object.entries(step.added)) {
        if (value !== undefined && migrated[field] === undefined) migrated[field] = value;
      }
      return migrated;
    };
  });
  return strategies;
}
