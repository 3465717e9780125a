// One lint setup for the whole monorepo. Besides the usual TypeScript rules it enforces the
// dependency direction of DESIGN.md: protocol <- domain <- app <- adapters/http/realtime <- main,
// each I/O library only in its adapter folder, apps never import each other, and renderer code
// never touches electron or node:*.
//
// ESLint replaces (does not merge) a rule set by an earlier config object, so every zone below
// lists its complete set of bans; zones go from general to specific and the most specific wins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const apps = ['host-server', 'judge-agent', 'contestant-desktop'];
// Exact specifiers (a regex, so that a relative './http' or '../http/x' is not mistaken for one).
const nodeBuiltinRegex = '^(node:.*|fs|fs/promises|child_process|net|http|https|os|path|crypto|stream|url|worker_threads|dgram|dns|tls)$';
const ioLibraries = ['better-sqlite3', 'ioredis', 'fastify', 'fastify-*', '@fastify/*', 'socket.io', 'socket.io-client',
  'bonjour-service', 'dockerode', 'pino', 'prom-client', 'electron', 'yauzl', 'undici', 'selfsigned'];

const ban = (group, message) => ({ group, message });
const banNode = (message) => ({ regex: nodeBuiltinRegex, message });
const notOtherApps = (self) => apps.filter((a) => a !== self)
  .map((a) => ban([`**/apps/${a}/**`, `@arena/${a}`], 'apps never import each other; share code through packages/'));
const onlyIn = (lib, folder) => ban([lib], `${lib} is used only in ${folder}`);
const hostAdapterBans = [onlyIn('better-sqlite3', 'adapters/sqlite/'), onlyIn('ioredis', 'adapters/redis/'), onlyIn('bonjour-service', 'adapters/mdns/')];

function zone(files, patterns, extra = {}) {
  return { files, ...extra, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'e2e/artifacts/**', '**/*.d.ts', '**/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },

  zone(['packages/protocol/**/*.ts'], [
    ban(['**/apps/**', ...apps.map((a) => `@arena/${a}`)], 'protocol depends on nothing of ours'),
    ban(ioLibraries, 'protocol is plain schemas: no I/O'),
    banNode('protocol is plain schemas: no I/O'),
  ]),

  // host-server, general to specific.
  zone(['apps/host-server/**/*.ts'], [...notOtherApps('host-server'), ...hostAdapterBans]),
  zone(['apps/host-server/src/adapters/sqlite/**/*.ts'], [...notOtherApps('host-server'), onlyIn('ioredis', 'adapters/redis/'), onlyIn('bonjour-service', 'adapters/mdns/')]),
  zone(['apps/host-server/src/adapters/redis/**/*.ts'], [...notOtherApps('host-server'), onlyIn('better-sqlite3', 'adapters/sqlite/'), onlyIn('bonjour-service', 'adapters/mdns/')]),
  zone(['apps/host-server/src/adapters/mdns/**/*.ts'], [...notOtherApps('host-server'), onlyIn('better-sqlite3', 'adapters/sqlite/'), onlyIn('ioredis', 'adapters/redis/')]),
  zone(['apps/host-server/src/app/**/*.ts'], [...notOtherApps('host-server'), ...hostAdapterBans,
    ban(['**/http/**', '**/realtime/**', '**/main/**', 'fastify', '@fastify/*', 'socket.io'], 'app/ must not depend on transports or entry points'),
  ]),
  // Tests may reach into any layer of their own app to set up real components.
  zone(['apps/host-server/test/**/*.ts', 'apps/host-server/src/**/*.test.ts'], notOtherApps('host-server')),

  // judge-agent
  zone(['apps/judge-agent/**/*.ts'], notOtherApps('judge-agent')),

  // domain/ of any app: pure. No I/O library, no node built-in, no outer layer.
  zone(['apps/*/src/domain/**/*.ts'], [
    ban(ioLibraries, 'domain/ is pure: pass side effects in (STYLE.md 6)'),
    banNode('domain/ is pure: pass side effects in (STYLE.md 6)'),
    ban(['**/app/**', '**/adapters/**', '**/http/**', '**/realtime/**', '**/main/**', '**/sandbox/**', '**/steps/**'], 'domain/ depends only on protocol and itself'),
    ...apps.map((a) => ban([`**/apps/${a}/**`, `@arena/${a}`], 'apps never import each other')),
  ]),
  // Unit tests of domain code may read fixtures from disk.
  zone(['apps/*/src/domain/**/*.test.ts'], apps.map((a) => ban([`@arena/${a}`], 'apps never import each other'))),

  // contestant-desktop main/preload/shared: Node side of Electron.
  zone(['apps/contestant-desktop/**/*.{ts,tsx}'], notOtherApps('contestant-desktop')),

  // Web code (renderer, console, projector, shared UI): runs in a browser.
  zone(['apps/contestant-desktop/src/renderer/**/*.{ts,tsx}', 'apps/host-server/web/**/*.{ts,tsx}', 'packages/ui/**/*.{ts,tsx}'], [
    ...apps.map((a) => ban([`**/apps/${a}/src/**`, `@arena/${a}`], 'web code imports only packages/ and its own folder')),
    ban(['electron'], 'web code runs in a browser: talk to main through the preload bridge'),
    banNode('web code runs in a browser: no Node built-ins'),
  ], { languageOptions: { globals: { ...globals.browser } } }),
);
