import type { Ref } from 'react';
import { Button } from 'react-aria-components';
import type { DemoAccount } from '../../auth/demo-data';
import { roleLabels } from '../../format/labels';

interface DemoAccountsPanelProps {
  accounts: readonly DemoAccount[];
  onUse: (email: string) => void;
  /** Focused when the panel appears, so screen readers start reading here. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/*
 * Shown on the sign-in page (not in the dialog) once demo data is loaded, so
 * the emails stay in view while the person signs in with one of them.
 */
export function DemoAccountsPanel({ accounts, onUse, headingRef }: DemoAccountsPanelProps) {
  return (
    <section className="panel demo-accounts" aria-labelledby="demo-accounts-heading">
      <h2 id="demo-accounts-heading" ref={headingRef} tabIndex={-1}>
        Demo accounts
      </h2>
      <p>Sign in with any of these emails and the demo password you chose.</p>
      <ul className="account-list" aria-labelledby="demo-accounts-heading">
        {accounts.map((account) => (
          <li key={account.id} className="account-item">
            <span className="account-role">{roleLabels[account.role]}</span>
            <span className="account-email">{account.email}</span>
            <Button
              className="button button-small"
              onPress={() => onUse(account.email)}
              aria-label={`Use ${account.email}`}
            >
              Use
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
