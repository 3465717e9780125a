import sanitizeHtml from 'sanitize-html';

/** CSS lengths and simple keywords, as KaTeX writes them; nothing that can load a URL. */
const LENGTH = /^-?(\d+(\.\d+)?|\.\d+)(em|ex|px|pt|%)?$/;
const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)$/;
const lengthProps = ['height', 'width', 'min-width', 'max-width', 'top', 'bottom', 'left', 'right', 'vertical-align',
  'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'padding-left', 'padding-right',
  'border-bottom-width', 'border-top-width', 'border-right-width', 'border-left-width', 'border-width'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'sup', 'sub',
    'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'img', 'figure', 'figcaption', 'div', 'span', 'a', 'svg', 'path', 'line'],
  allowedAttributes: {
    '*': ['class'],
    span: ['class', 'style', 'aria-hidden'],
    svg: ['xmlns', 'width', 'height', 'viewbox', 'viewBox', 'preserveaspectratio', 'preserveAspectRatio', 'style'],
    path: ['d'],
    line: ['x1', 'x2', 'y1', 'y2', 'stroke-width'],
    img: ['src', 'alt', 'title', 'width', 'height', 'style'],
    a: ['href', 'title'],
    th: ['align', 'colspan', 'rowspan', 'style'],
    td: ['align', 'colspan', 'rowspan', 'style'],
    ol: ['start'],
  },
  allowedStyles: {
    '*': {
      ...Object.fromEntries(lengthProps.map((p) => [p, [LENGTH]])),
      'text-align': [/^(left|right|center)$/],
      position: [/^(relative|absolute)$/],
      color: [COLOR],
      'background-color': [COLOR],
      'border-color': [COLOR],
    },
  },
  // No scheme at all: only relative references (our own /api/... asset URLs, #anchors) survive.
  allowedSchemes: [],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'embed'],
  // Images load only from the host's statement-asset route.
  exclusiveFilter: (frame) => frame.tag === 'img' && !(frame.attribs.src ?? '').startsWith('/api/contests/'),
};

/**
 * Cleans statement HTML for display in the contestant app: keeps text markup and KaTeX's spans,
 * styles and SVG, removes scripts, event handlers, styles that could load anything, and any
 * URL with a scheme or pointing off the host (a contest LAN has no internet, and a statement
 * must not become a way to exfiltrate or to phone home).
 */
export function sanitizeStatementHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
