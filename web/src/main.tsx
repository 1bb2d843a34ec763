import { render } from 'preact';
import { App } from './app';
import { lang } from './i18n';
import './style.css';

document.documentElement.lang = lang();
render(<App />, document.getElementById('app')!);
// The first render of the app, for the performance measurements in tests/e2e (navigation timing + this mark).
requestAnimationFrame(() => performance.mark('ansvar:first-render'));
