// The sign-in page: user name and password, and the organization's single sign-on when the server offers it. The
// address stays as it was, so that after signing in the user is where they were going.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t, useLang } from '../i18n';
import { oidcHref, signIn, type Methods } from '../session';

function waitText(seconds: number): string {
  if (seconds < 90) {
    const n = Math.max(1, Math.ceil(seconds));
    return n === 1 ? t('wait_second') : t('wait_seconds', { n });
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('wait_minute') : t('wait_minutes', { n: minutes });
}

export function SignInPage({ methods, expired }: { methods: Methods; expired: boolean }) {
  useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [blockedUntil, setBlockedUntil] = useState(0);
  const [, tick] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const blocked = blockedUntil > Date.now();

  useEffect(() => {
    const before = document.title;
    document.title = `${t('signin_title')} – Ansvar`;
    heading.current?.focus({ preventScroll: true });
    return () => void (document.title = before);
  }, []);
  // While throttled, the button stays disabled until the wait is over (checked once a second, announced once).
  useEffect(() => {
    if (!blocked) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [blocked]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy || blocked) return;
    if (!username.trim() || !password) {
      setError(t('signin_missing'));
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    setError('');
    try {
      await signIn(username.trim().toLowerCase(), password);
      // The app renders the page that was asked for; nothing more to do here.
    } catch (err) {
      setBusy(false);
      setPassword('');
      const ae = err instanceof ApiError ? err : new ApiError(0, { status: 0, detail: String(err) });
      if (ae.status === 429) {
        const wait = ae.retryAfter || 60;
        setBlockedUntil(Date.now() + wait * 1000);
        setError(t('signin_throttled', { wait: waitText(wait) }));
      } else if (ae.status === 401) {
        setError(t('signin_wrong'));
      } else {
        setError(t('signin_failed', { detail: ae.problem.detail || ae.problem.title || ae.message }));
      }
      requestAnimationFrame(() => (ae.status === 401 ? passwordRef.current?.focus() : errorRef.current?.focus()));
    }
  }

  const returnTo = location.pathname + location.search;
  return (
    <div class="signin">
      <h1 tabIndex={-1} ref={heading}>
        {t('signin_title')}
      </h1>
      {expired && (
        <p class="notice" role="status">
          <span aria-hidden="true">ℹ </span>
          {t('signin_expired')}
        </p>
      )}
      <p>{t('signin_intro')}</p>
      {methods.oidc && (
        <>
          <p>
            <a class="button" href={oidcHref(returnTo)} data-testid="oidc">
              {t('signin_oidc')}
            </a>
          </p>
          {methods.password && <h2 class="signin-or">{t('signin_or')}</h2>}
        </>
      )}
      {methods.password && (
        <form class="signin-form" onSubmit={submit} noValidate>
          <div ref={errorRef} tabIndex={-1} class="form-summary">
            {error && (
              <div class="alert alert-error" role="alert" id="signin-error">
                <p>
                  <strong>{t('signin_error_title')}:</strong> {error}
                </p>
              </div>
            )}
          </div>
          <div class="field">
            <label for="signin-username">{t('signin_username')}</label>
            <input
              id="signin-username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              required
              value={username}
              aria-describedby={error ? 'signin-error' : undefined}
              onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="signin-password">{t('signin_password')}</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              ref={passwordRef}
              value={password}
              aria-describedby={error ? 'signin-error' : undefined}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy || blocked}>
              {busy ? t('signin_busy') : t('signin_submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
