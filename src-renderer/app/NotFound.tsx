import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <div className="centered-page">
      <div className="panel">
        <h1 tabIndex={-1} data-screen-heading="">
          Page not found
        </h1>
        <p>This address does not match any screen.</p>
        <Link to="/">Go to your start page</Link>
      </div>
    </div>
  );
}
