// Builds the desktop app's Electron side (run from apps/contestant-desktop: `pnpm run build:main`):
//   dist/main/main.cjs      main process (CommonJS, everything bundled except `electron`)
//   dist/main/preload.cjs   preload (sandboxed preloads may require only `electron`)
//   dist/preset/arena-preset.json   the build-time preset (packaged as an extraResource)
// The preset comes from ARENA_PRESET_FILE (a JSON file, see arena-preset.sample.json) or from
// ARENA_PRESET_HOST_URL + ARENA_PRESET_FINGERPRINT (+ ARENA_CONTENT_PROTECTION=1); with none set
// the app discovers the host on the LAN. The app validates the preset at start and refuses a bad one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const appDir = process.cwd();
// esbuild is a devDependency of the desktop app, resolved from there (this script lives in build/).
const { build } = createRequire(join(appDir, 'package.json'))('esbuild');
const outDir = join(appDir, 'dist');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...common, entryPoints: [join(appDir, 'src/main/main.ts')], outfile: join(outDir, 'main/main.cjs') }),
  build({ ...common, platform: 'browser', entryPoints: [join(appDir, 'src/preload/preload.ts')], outfile: join(outDir, 'main/preload.cjs') }),
]);

const preset = await presetFromEnvironment(process.env);
await mkdir(join(outDir, 'preset'), { recursive: true });
await writeFile(join(outDir, 'preset/arena-preset.json'), `${JSON.stringify(preset, null, 2)}\n`);
console.log(`built dist/main/main.cjs, dist/main/preload.cjs, dist/preset/arena-preset.json (${preset.host ? `host ${preset.host.url}` : 'LAN discovery'})`);

async function presetFromEnvironment(env) {
  if (env.ARENA_PRESET_FILE) return JSON.parse(await readFile(resolve(env.ARENA_PRESET_FILE), 'utf8'));
  const preset = { host: null, contentProtection: env.ARENA_CONTENT_PROTECTION === '1' };
  if (env.ARENA_PRESET_HOST_URL) preset.host = { url: env.ARENA_PRESET_HOST_URL, fingerprint: env.ARENA_PRESET_FINGERPRINT || null };
  return preset;
}
