// Renders build/desktop/icon.svg to the icon set electron-builder packages (run from
// apps/contestant-desktop: `pnpm run icons`; the results are committed, so packaging needs no
// renderer). Uses @resvg/resvg-js (SVG → PNG) and png2icons (PNG → .ico / .icns), both
// devDependencies of the desktop app.
//   icons/<N>x<N>.png for N in 16…512   Linux (AppImage/deb take the folder)
//   icons/icon.png (512)                fallback
//   icons/icon.ico                      Windows (nsis)
//   icons/icon.icns                     macOS (dmg)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const requireFromApp = createRequire(join(process.cwd(), 'package.json'));
const { Resvg } = requireFromApp('@resvg/resvg-js');
const png2icons = requireFromApp('png2icons');

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const svg = await readFile(join(here, 'icon.svg'));
const outDir = join(here, 'icons');
await mkdir(outDir, { recursive: true });

const pngs = new Map();
for (const size of SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  pngs.set(size, png);
  await writeFile(join(outDir, `${size}x${size}.png`), png);
}
// 1024 px master for the .icns (retina 512@2x) and the .ico's largest entry.
const master = new Resvg(svg, { fitTo: { mode: 'width', value: 1024 } }).render().asPng();
await writeFile(join(outDir, 'icon.png'), pngs.get(512));
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
if (!ico || !icns) throw new Error('png2icons could not convert the icon');
await writeFile(join(outDir, 'icon.ico'), ico);
await writeFile(join(outDir, 'icon.icns'), icns);
console.log(`wrote ${SIZES.length} PNGs, icon.png, icon.ico, icon.icns to ${outDir}`);
