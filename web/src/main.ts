import './style.css';
import { h } from './dom.js';
import { apiKey, setApiKey } from './api.js';
import { eventsChannel, signalsChannel, type LiveChannel } from './live.js';
import type { Page } from './page.js';
import { refreshSession, session } from './session.js';
import { overviewPage } from './pages/overview.js';
import { pairPage } from './pages/pair.js';
import { signalsPage } from './pages/signals.js';
import { scannerPage } from './pages/scanner.js';
import { trackerPage } from './pages/tracker.js';
import { backtestsPage } from './pages/backtests.js';
import { modelsPage } from './pages/models.js';

const pages: { path: string; label: string; page: Page }[] = [
  { path: '', label: 'Market', page: overviewPage },
  { path: 'pair', label: 'Pair', page: pairPage },
  { path: 'signals', label: 'Signals', page: signalsPage },
  { path: 'scanner', label: 'Scanner', page: scannerPage },
  { path: 'tracker', label: 'Live tracker', page: trackerPage },
  { path: 'backtests', label: 'Backtests', page: backtestsPage },
  { path: 'models', label: 'ML models', page: modelsPage },
];

const nav = document.getElementById('nav')!;
const root = document.getElementById('page')!;
let cleanup: (() => void) | undefined;

function route(): void {
  // #/pair/btc_usdt/1d → ['pair', 'btc_usdt', '1d']
  const parts = (location.hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const found = pages.find((p) => p.path === (parts[0] ?? '')) ?? pages[0]!;
  nav.replaceChildren(...pages.map((p) => h('a', { href: `#/${p.path}`, class: p === found ? 'active' : undefined }, p.label)));
  cleanup?.();
  root.replaceChildren();
  root.dataset['page'] = found.path || 'overview';
  delete root.dataset['ready'];
  const ctl = new AbortController();
  const done = found.page(root, parts.slice(1), ctl.signal);
  cleanup = () => ctl.abort();
  void done.then(() => {
    // Tests and people both wait for this: the page has its data (or says what is missing).
    if (!ctl.signal.aborted) root.dataset['ready'] = '1';
  }, (e: unknown) => {
    if (ctl.signal.aborted) return;
    root.append(h('p', { class: 'notice error' }, `This page failed: ${(e as Error).message}`));
    root.dataset['ready'] = '1';
  });
}

function liveBadge(): void {
  const el = document.getElementById('live')!;
  const label = (c: LiveChannel, name: string) => `${name} ${c.state === 'open' ? '●' : c.state === 'unavailable' ? '–' : '○'}`;
  const paint = () => {
    el.textContent = `live: ${label(signalsChannel, 'signals')} · ${label(eventsChannel, 'events')}`;
    el.dataset['signals'] = signalsChannel.state;
    el.dataset['events'] = eventsChannel.state;
  };
  signalsChannel.onState(paint);
  eventsChannel.onState(paint);
  paint();
}

function login(): void {
  const form = document.getElementById('login') as HTMLFormElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  input.value = apiKey();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setApiKey(input.value.trim());
    signalsChannel.restart();
    void refreshSession().then(() => { paintRole(); route(); });
  });
}

function paintRole(): void {
  const input = document.getElementById('api-key') as HTMLInputElement;
  input.title = `Signed in as ${session.role} (${session.via})`;
  document.body.dataset['role'] = session.role;
}

login();
liveBadge();
signalsChannel.start();
window.addEventListener('hashchange', route);
void refreshSession().then(() => { paintRole(); route(); });
