/**
 * Problem colour helpers: CLICS problems carry `rgb` (`#RRGGBB`). The projector draws a dot of
 * that colour next to the label and needs a readable text colour on top of it.
 */

/** Parses `#RRGGBB` (or `RRGGBB`) into 0-255 channels; null when it is not one. */
export function parseRgb(rgb: string | undefined | null): [number, number, number] | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(rgb ?? '');
  if (!match) return null;
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** WCAG relative luminance (0 = black, 1 = white) of `#RRGGBB`; null when not a colour. */
export function relativeLuminance(rgb: string | undefined | null): number | null {
  const channels = parseRgb(rgb);
  if (channels === null) return null;
  const [r, g, b] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The problem's colour as CSS, or a neutral grey when the problem has none (or a malformed one). */
export function problemColor(rgb: string | undefined | null): string {
  return parseRgb(rgb) === null ? '#9e9e9e' : `#${(rgb ?? '').replace('#', '').toLowerCase()}`;
}

/** Black or white, whichever contrasts more with the background colour `rgb`. */
export function textColorOn(rgb: string | undefined | null): '#000000' | '#ffffff' {
  const l = relativeLuminance(problemColor(rgb)) ?? 0.5;
  // Contrast with white: 1.05 / (l + 0.05); with black: (l + 0.05) / 0.05. Pick the larger.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
