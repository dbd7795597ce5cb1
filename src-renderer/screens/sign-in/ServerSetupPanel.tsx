import { Fragment } from 'react';
import { setupCommands } from '@shared/sync/setup-wire';
import './sign-in.css';

/*
 * The sync server answered and has no account: nobody can sign in to it yet,
 * and "Load demo data" would only create accounts on this device that never
 * sync. Says so, with the README's two commands (src-shared/sync/setup-wire.ts),
 * as text that can be selected and copied. The screen re-checks by itself
 * (use-server-setup.ts), so the newcomer only has to come back.
 */
export function ServerSetupPanel({ url }: { url: string }) {
  return (
    <section className="panel server-setup" aria-labelledby="server-setup-heading">
      <h2 id="server-setup-heading">The sync server has no accounts yet</h2>
      <p>
        Assist-Ten reached the sync server at <code>{url}</code>, but nobody can sign in to it: it has no accounts. In
        the project folder, stop the server (<kbd>Ctrl</kbd>+<kbd>C</kbd> where <code>npm start</code> runs; PGlite
        opens its database from one process only), run one of these commands, then start it again.
      </p>
      <h3>Demo data, one account per role</h3>
      <p>
        Every demo account signs in with the password in <code>DEMO_PASSWORD</code>; set it first. The command prints
        the demo emails.
      </p>
      <Command text={setupCommands.seed} />
      <h3>Or your organisation’s first super admin</h3>
      <Command text={setupCommands.createAdmin} />
      <p className="muted">This screen notices by itself once the server has accounts.</p>
    </section>
  );
}

/**
 * A command that wraps between its words only: a browser would otherwise break "--email" after its first
 * hyphen, and "-" + "-email" on two lines reads as two options. Copying gives the command as it stands.
 */
function Command({ text }: { text: string }) {
  return (
    <pre className="command">
      <code>
        {text.split(' ').map((word, i) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            <span className="command-word">{word}</span>
          </Fragment>
        ))}
      </code>
    </pre>
  );
}
