// The frame of every page: skip link, header with language and name, main navigation, main content.
import { useEffect, useState } from 'preact/hooks';
import { actor, setActor } from './api';
import { PageTitle } from './components';
import { lang, setLang, t, useLang, type Key } from './i18n';
import { match, onLinkClick, useLocation } from './router';
import { Overview } from './pages/overview';
import { Register } from './pages/register';
import { SystemPage } from './pages/system';
import { EditPage, NewPage } from './pages/edit';
import { CyclePage } from './pages/cycle';
import { MessageBanner, MessagesPage } from './pages/messages';
import { ImportPage } from './pages/import';
import {
  ActivitiesPage,
  ActivityPage,
  AdministrationPage,
  CommitteePage,
  FindingsPage,
  GenericList,
  IncidentPage,
  IncidentsPage,
  OrgPage,
  PeoplePage,
  PersonPage,
  RequestPage,
  RequestsPage,
  RulesPage,
} from './pages/other';
import type { CollectionName } from './types';

const NAV: [string, Key][] = [
  ['/', 'nav_overview'],
  ['/systems', 'nav_register'],
  ['/committees', 'nav_org'],
  ['/activities', 'nav_activities'],
  ['/incidents', 'nav_incidents'],
  ['/requests', 'nav_requests'],
  ['/cycle', 'nav_cycle'],
  ['/messages', 'nav_messages'],
  ['/people', 'nav_people'],
  ['/rules', 'nav_rules'],
  ['/import', 'nav_import'],
];

function current(href: string, path: string) {
  if (href === '/') return path === '/';
  if (href === '/committees') return ['/committees', '/administrations', '/organizations', '/delegations', '/powers-of-attorney', '/processor-records', '/agreements'].some((p) => path.startsWith(p));
  return path.startsWith(href);
}

function ActorBox() {
  const [name, setName] = useState(actor());
  const [editing, setEditing] = useState(!actor());
  useLang();
  useEffect(() => {
    // A name typed in a form (the first save) shows up here too.
    const f = () => {
      setName(actor());
      if (actor()) setEditing(false);
    };
    window.addEventListener('ansvar:actor', f);
    return () => window.removeEventListener('ansvar:actor', f);
  }, []);
  if (!editing)
    return (
      <div class="actor">
        <span>
          {t('you_are')}: <strong>{name}</strong>
        </span>{' '}
        <button type="button" class="link" onClick={() => setEditing(true)}>
          {t('actor_change')}
        </button>
      </div>
    );
  return (
    <form
      class="actor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        setActor(name);
        setEditing(false);
      }}
    >
      <label for="actor-name">{t('actor_label')}</label>
      <input id="actor-name" type="text" autoComplete="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <button type="submit">{t('actor_save')}</button>
    </form>
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
  if (path === '/systems') return <Register query={query} />;
  if ((m = match('/systems/:id', path))) return <SystemPage id={m.id} />;
  if (path === '/findings') return <FindingsPage query={query} />;
  if (path === '/committees' || path === '/administrations' || path === '/organizations') return <OrgPage />;
  if ((m = match('/committees/:id', path))) return <CommitteePage id={m.id} />;
  if ((m = match('/administrations/:id', path))) return <AdministrationPage id={m.id} />;
  if (path === '/activities') return <ActivitiesPage query={query} />;
  if ((m = match('/activities/:id', path))) return <ActivityPage id={m.id} />;
  if (path === '/incidents') return <IncidentsPage />;
  if ((m = match('/incidents/:id', path))) return <IncidentPage id={m.id} />;
  if (path === '/requests') return <RequestsPage />;
  if ((m = match('/requests/:id', path))) return <RequestPage id={m.id} />;
  if (path === '/people') return <PeoplePage query={query} />;
  if ((m = match('/people/:id', path))) return <PersonPage id={m.id} />;
  if (path === '/rules') return <RulesPage />;
  if (path === '/cycle') return <CyclePage query={query} />;
  if (path === '/messages') return <MessagesPage />;
  if (path === '/import') return <ImportPage />;
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

export function App() {
  const { path, query } = useLocation();
  const l = useLang();
  useEffect(() => {
    document.documentElement.lang = lang();
  }, [l]);
  return (
    <div class="shell" onClick={onLinkClick as any}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); const m = document.getElementById('main'); m?.focus(); }}>
        {t('skip')}
      </a>
      <header class="top">
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
        <div class="tools">
          <ActorBox />
          <LangSwitch />
        </div>
      </header>
      <nav class="main-nav" aria-label={t('nav_label')}>
        <ul>
          {NAV.map(([href, key]) => (
            <li key={href}>
              <a href={href} aria-current={current(href, path) ? 'page' : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <MessageBanner />
        <Route key={path} path={path} query={query} />
      </main>
      <footer class="foot">
        <p>
          Ansvar · <a href="/api/v1/openapi.json">API</a> · <a href="/rules">{t('nav_rules')}</a>
        </p>
      </footer>
    </div>
  );
}
