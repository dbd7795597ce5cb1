export { startSync, type SyncClient, type SyncOptions, type SyncStatus } from './sync-client';
export { ServerSession } from './server-session';
export { SyncHttpError, SyncNetworkError, SyncTransport, type TokenSource } from './transport';
export { backoffDelay } from './backoff';
