import { describe, expect, it } from 'vitest';
import { withoutRepeatedTitle } from './statement-title';

describe('withoutRepeatedTitle', () => {
  it('drops a leading heading that repeats the problem name', () => {
    expect(withoutRepeatedTitle('<h1 class="t">Hello <em>World</em>!</h1><p>Print it.</p>', 'Hello World!')).toBe('<p>Print it.</p>');
    expect(withoutRepeatedTitle('\n  <h2>Sum &amp; Numbers</h2><p>x</p>', 'Sum & Numbers')).toBe('<p>x</p>');
  });

  it('keeps other headings and headings that are not first', () => {
    expect(withoutRepeatedTitle('<h1>Input</h1><p>x</p>', 'Hello World!')).toBe('<h1>Input</h1><p>x</p>');
    expect(withoutRepeatedTitle('<p>intro</p><h1>Hello World!</h1>', 'Hello World!')).toBe('<p>intro</p><h1>Hello World!</h1>');
    expect(withoutRepeatedTitle('<h4>Hello World!</h4>', 'Hello World!')).toBe('<h4>Hello World!</h4>');
  });
});
