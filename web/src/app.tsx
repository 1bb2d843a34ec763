// The frame of every page: skip link, header with language and the signed-in account, main navigation, main content.
// Signed out, the same frame holds the sign-in page (the address is kept, so signing in returns to it).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { ErrorBox, PageTitle, Skeleton } from './components';
import { lang, setLang, t, useLang, type Key } from './i18n';
import { match, navigate, onLinkClick, useLocation } from './router';
import { loadSession, signOut, useMay, useSession, type SessionAccount } from './session';
import { SignInPage } from './pages/signin';
import { Overview } from './pages/overview';
import { Register } from './pages/register';
import { SystemPage } from './pages/system';
import { EditPage, NewPage } from './pages/edit';
import { MessageBanner, MessagesPage } from './pages/messages';
import type { CollectionName } from './types';

const NAV: [string, Key][] = [
  ['/tasks', 'nav_tasks'],
  ['/', 'nav_overview'],
  ['/findings', 'nav_findings'],
  ['/systems', 'nav_register'],
  ['/committees', 'nav_org'],
  ['/cooperations', 'nav_cooperations'],
  ['/activities', 'nav_activities'],
  ['/report-breach', 'nav_report_breach'],
  ['/incidents', 'nav_incidents'],
  ['/measures', 'nav_measures'],
  ['/requests', 'nav_requests'],
  ['/cycle', 'nav_cycle'],
  ['/messages', 'nav_messages'],
  ['/people', 'nav_people'],
  ['/rules', 'nav_rules'],
  ['/rulebook', 'nav_rulebook'],
  ['/import', 'nav_import'],
  ['/audit', 'nav_audit'],
];

function current(href: string, path: string) {
  if (href === '/') return path === '/';
  if (href === '/committees') return ['/committees', '/administrations', '/organizations', '/delegations', '/powers-of-attorney', '/processor-records', '/agreements'].some((p) => path.startsWith(p));
  return path.startsWith(href);
}

/** A page that is loaded only when it is first shown (its own chunk): keeps the first load small. */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  return function Lazy(props: P) {
    const [, force] = useState(0);
    const [failed, setFailed] = useState<Error | null>(null);
    useEffect(() => {
      if (loaded) return;
      loading ??= load().then((c) => void (loaded = c));
      loading.then(
        () => force((n) => n + 1),
        (e) => {
          loading = null;
          setFailed(e as Error);
        },
      );
    }, []);
    if (loaded) {
      const C = loaded;
      return <C {...props} />;
    }
    if (failed) return <ErrorBox error={new ApiError(0, { status: 0, detail: failed.message })} retry={() => location.reload()} />;
    return <Skeleton height="100vh" />;
  };
}
// Pages a first visit does not need, each in its own chunk.
const CyclePage = lazyPage(() => import('./pages/cycle').then((m) => m.CyclePage));
const ImportPage = lazyPage(() => import('./pages/import').then((m) => m.ImportPage));
const ReportBreachPage = lazyPage(() => import('./pages/incidents').then((m) => m.ReportBreachPage));
const MeasuresPage = lazyPage(() => import('./pages/measures').then((m) => m.MeasuresPage));
// The register's other pages (one chunk, loaded at the first of them).
const other = () => import('./pages/other');
const ActivitiesPage = lazyPage(() => other().then((m) => m.ActivitiesPage));
const ActivityPage = lazyPage(() => other().then((m) => m.ActivityPage));
const AdministrationPage = lazyPage(() => other().then((m) => m.AdministrationPage));
const CommitteePage = lazyPage(() => other().then((m) => m.CommitteePage));
const FindingsPage = lazyPage(() => other().then((m) => m.FindingsPage));
const GenericList = lazyPage(() => other().then((m) => m.GenericList));
const IncidentPage = lazyPage(() => other().then((m) => m.IncidentPage));
const IncidentsPage = lazyPage(() => other().then((m) => m.IncidentsPage));
const OrgPage = lazyPage(() => other().then((m) => m.OrgPage));
const PeoplePage = lazyPage(() => other().then((m) => m.PeoplePage));
const PersonPage = lazyPage(() => other().then((m) => m.PersonPage));
const RequestPage = lazyPage(() => other().then((m) => m.RequestPage));
const RequestsPage = lazyPage(() => other().then((m) => m.RequestsPage));
const RulesPage = lazyPage(() => other().then((m) => m.RulesPage));
const StartPage = lazyPage(() => import('./pages/me').then((m) => m.StartPage));
const AdminPage = lazyPage(() => import('./pages/admin').then((m) => m.AdminPage));
const AuditPage = lazyPage(() => import('./pages/audit').then((m) => m.AuditPage));
// Cooperations, organizations' rulebooks and the public essence (issue 13).
const CooperationsPage = lazyPage(() => import('./pages/cooperation').then((m) => m.CooperationsPage));
const CooperationPage = lazyPage(() => import('./pages/cooperation').then((m) => m.CooperationPageView));
const RulebookPage = lazyPage(() => import('./pages/rulebook').then((m) => m.RulebookPageView));
const EssencePage = lazyPage(() => import('./pages/essence').then((m) => m.EssencePage));
// Decisions, reports, approvals and each person's tasks (issue 14).
const tasks = () => import('./pages/tasks');
const TasksPage = lazyPage(() => tasks().then((m) => m.TasksPage));
const SystemActsPage = lazyPage(() => tasks().then((m) => m.SystemActsPage));
const DelegatedDecisionsPage = lazyPage(() => tasks().then((m) => m.DelegatedDecisionsPage));
// "Mina uppgifter" is the first page a person of the register sees after signing in (once per load, from "/").
let landed = false;

function AccountBox({ account }: { account: SessionAccount }) {
  useLang();
  const [busy, setBusy] = useState(false);
  return (
    <div class="account" data-testid="account">
      <span>
        <span class="sr-only">{t('signed_in_as')}: </span>
        <a href="/me" class="account-name" data-testid="my-page-link">
          <strong>{account.name || account.id}</strong>
          <span class="sr-only"> – {t('my_page')}</span>
        </a>{' '}
        <span class="muted">({t(`role_${account.role}` as Key)})</span>
      </span>{' '}
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          const done = signOut();
          navigate('/', true);
          void done.finally(() => setBusy(false));
        }}
      >
        {t('sign_out')}
      </button>
    </div>
  );
}

function LangSwitch() {
  const l = useLang();
  return (
    <div class="lang" role="group" aria-label={t('language')}>
      {(['sv', 'en'] as const).map((x) => (
        <button
          key={x}
          type="button"
          class={l === x ? 'lang-btn active' : 'lang-btn'}
          aria-pressed={l === x}
          lang={x}
          onClick={() => setLang(x)}
        >
          {x === 'sv' ? 'Svenska' : 'English'}
        </button>
      ))}
    </div>
  );
}

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/index.html') return <Overview />;
  if (path === '/me') return <StartPage />;
  if (path === '/tasks') return <TasksPage />;
  if ((m = match('/systems/:id/acts', path))) return <SystemActsPage id={m.id} />;
  if ((m = match('/committees/:id/delegated-decisions', path))) return <DelegatedDecisionsPage id={m.id} />;
  if (path === '/systems') return <Register query={query} />;
  if ((m = match('/systems/:id', path))) return <SystemPage id={m.id} />;
  if (path === '/findings') return <FindingsPage query={query} />;
  if (path === '/committees' || path === '/administrations' || path === '/organizations') return <OrgPage />;
  if ((m = match('/committees/:id', path))) return <CommitteePage id={m.id} />;
  if ((m = match('/administrations/:id', path))) return <AdministrationPage id={m.id} />;
  if (path === '/activities') return <ActivitiesPage query={query} />;
  if ((m = match('/activities/:id', path))) return <ActivityPage id={m.id} />;
  if (path === '/report-breach') return <ReportBreachPage />;
  if (path === '/incidents') return <IncidentsPage />;
  if (path === '/measures') return <MeasuresPage />;
  if ((m = match('/incidents/:id', path))) return <IncidentPage id={m.id} />;
  if (path === '/requests') return <RequestsPage />;
  if ((m = match('/requests/:id', path))) return <RequestPage id={m.id} />;
  if (path === '/people') return <PeoplePage query={query} />;
  if ((m = match('/people/:id', path))) return <PersonPage id={m.id} />;
  if (path === '/rules') return <RulesPage />;
  if (path === '/rulebook') return <RulebookPage query={query} />;
  if (path === '/cooperations') return <CooperationsPage />;
  if ((m = match('/cooperations/:id', path))) return <CooperationPage id={m.id} />;
  if (path === '/cycle') return <CyclePage query={query} />;
  if (path === '/messages') return <MessagesPage />;
  if (path === '/import') return <ImportPage />;
  if (path === '/audit') return <AuditPage query={query} />;
  if (path === '/admin') return <AdminPage />;
  if ((m = match('/edit/:c/:id', path))) return <EditPage c={m.c as CollectionName} id={m.id} />;
  if ((m = match('/new/:c', path))) return <NewPage c={m.c as CollectionName} query={query} />;
  const generic: Record<string, CollectionName> = {
    '/delegations': 'delegations',
    '/powers-of-attorney': 'powers_of_attorney',
    '/processor-records': 'processor_records',
    '/agreements': 'agreements',
  };
  if (generic[path]) return <GenericList c={generic[path]} query={query} />;
  for (const [prefix, c] of Object.entries(generic))
    if ((m = match(prefix + '/:id', path))) return <EditPage c={c} id={m.id} />;
  if ((m = match('/organizations/:id', path))) return <EditPage c="organizations" id={m.id} />;
  return (
    <>
      <PageTitle>{t('not_found')}</PageTitle>
      <p>
        <a href="/">{t('home')}</a>
      </p>
    </>
  );
}

function Brand() {
  return (
    <div class="brand">
      <a href="/" class="brand-name">
        <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
          <rect width="32" height="32" rx="6" fill="#1d4f91" />
          <path d="M9 23l7-15 7 15M12 18h8" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
        <span>{t('app_name')}</span>
      </a>
      <span class="tagline">{t('app_tagline')}</span>
    </div>
  );
}

function Skip() {
  return (
    <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); const m = document.getElementById('main'); m?.focus(); }}>
      {t('skip')}
    </a>
  );
}

/** The main navigation. On a phone it folds behind a "Menu" button (the first screen shows the page, not the menu), and
 * reporting a breach is its first item: two taps from any page, for whoever may record one. */
function MainNav({ nav, path }: { nav: [string, Key][]; path: string }) {
  const [open, setOpen] = useState(false);
  const may = useMay();
  useEffect(() => setOpen(false), [path]);
  // The time of awareness starts at the moment of the tap, not when the menu was drawn.
  const report = () => `/new/incidents?aware_at=${encodeURIComponent(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'))}`;
  return (
    <nav class={`main-nav ${open ? 'open' : ''}`} aria-label={t('nav_label')}>
      <button type="button" class="menu-toggle" aria-expanded={open} aria-controls="main-nav-list" onClick={() => setOpen(!open)}>
        <span aria-hidden="true">☰ </span>
        {t('menu')}
      </button>
      <ul id="main-nav-list">
        {may?.write.incidents && (
          <li class="nav-action">
            <a
              href="/new/incidents"
              data-testid="report-breach"
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(report());
              }}
            >
              {t('report_breach')}
            </a>
          </li>
        )}
        {nav.map(([href, key]) => (
          <li key={href}>
            <a href={href} aria-current={current(href, path) ? 'page' : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function App() {
  const { path, query } = useLocation();
  const l = useLang();
  const s = useSession();
  useEffect(() => {
    document.documentElement.lang = lang();
  }, [l]);
  useEffect(() => {
    void loadSession();
  }, []);
  useEffect(() => {
    if (s.status !== 'signed_in' || landed) return;
    landed = true;
    const personal = !!s.account.person || s.account.role === 'dpo' || s.account.role === 'data_protection_contact';
    if (personal && location.pathname === '/' && !location.search) navigate('/tasks', true);
  }, [s.status]);
  // A published essence (art. 26.2) is for anyone: drawn without waiting for a session, signed in or not.
  const essence = match('/public/cooperations/:id', path);
  if (essence)
    return (
      <div class="shell" onClick={onLinkClick as any}>
        <Skip />
        <header class="top">
          <Brand />
          <div class="tools">
            <LangSwitch />
          </div>
        </header>
        <main id="main" tabIndex={-1} class="main-narrow">
          <EssencePage key={path} id={essence.id} />
        </main>
      </div>
    );
  // While the session is asked for, nothing is drawn: the frame that follows (signed in or not) then shifts nothing.
  if (s.status === 'loading') return <div class="shell" />;
  if (s.status !== 'signed_in')
    return (
      <div class="shell" onClick={onLinkClick as any}>
        <Skip />
        <header class="top">
          <Brand />
          <div class="tools">
            <LangSwitch />
          </div>
        </header>
        <main id="main" tabIndex={-1} class="main-narrow">
          {s.status === 'error' && <ErrorBox error={s.error} retry={() => void loadSession()} />}
          {s.status === 'signed_out' && <SignInPage methods={s.methods} expired={s.expired} />}
        </main>
      </div>
    );
  // What the role may not use is not offered: the import is an administrator's, as are the accounts.
  const nav = s.account.role === 'admin' ? [...NAV, ['/admin', 'nav_admin'] as [string, Key]] : NAV.filter(([href]) => href !== '/import');
  return (
    <div class="shell" onClick={onLinkClick as any}>
      <Skip />
      <header class="top">
        <Brand />
        <div class="tools">
          <AccountBox account={s.account} />
          <LangSwitch />
        </div>
      </header>
      <MainNav nav={nav} path={path} />
      <main id="main" tabIndex={-1}>
        <MessageBanner />
        <Route key={path} path={path} query={query} />
      </main>
      <footer class="foot">
        <p>
          Ansvar · <a href="/api/v1/openapi.json">API</a> · <a href="/rules">{t('nav_rules')}</a> · <a href="/audit">{t('nav_audit')}</a>
        </p>
      </footer>
    </div>
  );
}
