import type { Language } from '../schemas/contest';

/**
 * Languages a contest offers when its package lists none. Ids are the CLICS ones ICPC Tools
 * know; the judge agent maps each id to a compiler/runner. `extensions` are without the dot.
 */
export const DEFAULT_LANGUAGES: readonly Language[] = Object.freeze([
  { id: 'c', name: 'C', entry_point_required: false, extensions: ['c'] },
  { id: 'cpp', name: 'C++', entry_point_required: false, extensions: ['cpp', 'cc', 'cxx', 'c++'] },
  { id: 'java', name: 'Java', entry_point_required: false, entry_point_name: 'Main class', extensions: ['java'] },
  { id: 'python3', name: 'Python 3', entry_point_required: false, entry_point_name: 'Main file', extensions: ['py'] },
].map((l) => Object.freeze(l)));
