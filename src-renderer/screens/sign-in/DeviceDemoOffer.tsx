import { Button } from 'react-aria-components';
import type { ServerSetup } from './server-setup';
import './sign-in.css';

interface DeviceDemoOfferProps {
  setup: ServerSetup;
  onLoad: () => void;
}

/*
 * "Load demo data" on a device with no account yet. Its accounts live on this
 * device alone and never sync, so it is the obvious path only when there is no
 * server to sign in to. When the server answers (with accounts, or empty and
 * explained by ServerSetupPanel), it stays available as a quiet line for
 * exploring offline, never as a panel of its own.
 */
export function DeviceDemoOffer({ setup, onLoad }: DeviceDemoOfferProps) {
  if (setup.state === 'checking') return null;
  if (setup.state === 'ready' || setup.state === 'empty') {
    return (
      <p className="device-demo-quiet">
        Only exploring, without the server?{' '}
        <Button className="button button-quiet button-small" onPress={onLoad}>
          Load demo data
        </Button>{' '}
        on this device alone. Those accounts never sync.
      </p>
    );
  }
  return (
    <section className="panel first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">First run on this device</h2>
      <p>
        No accounts are stored here yet
        {setup.state === 'unreachable' ? (
          <>
            , and the sync server at <code>{setup.url}</code> does not answer. Start it (<code>npm start</code> runs it
            next to the app) to sign in with your organisation’s account,
          </>
        ) : (
          ', and this app has no sync server configured. Sign in with an account that signed in here before,'
        )}{' '}
        or load demo data to explore Assist-Ten on this device alone, with one account per role that never syncs.
      </p>
      <Button className="button" onPress={onLoad}>
        Load demo data
      </Button>
    </section>
  );
}
