import { describe, expect, it } from 'vitest';
import { parseTeamImport } from './parse-team-import';

describe('parseTeamImport', () => {
  it('reads TSV with an optional header, comments, blank lines and optional trailing columns', () => {
    const text = 'team_id\tname\tdisplay_name\torganization_id\tgroup_ids\tusername\r\n# note\n\nt1\tOne\n t2 \t Two \tShort\torg\tg1, g2\tlogin2\n';
    expect(parseTeamImport('tsv', text)).toEqual({
      ok: true,
      entries: [
        { line: 4, teamId: 't1', name: 'One' },
        { line: 5, teamId: 't2', name: 'Two', displayName: 'Short', organizationId: 'org', groupIds: ['g1', 'g2'], username: 'login2' },
      ],
    });
  });

  it('reports every bad TSV line with its number', () => {
    const text = 'ok\tOk\nbad id\tX\nnoname\n\nok\tAgain\na\tA\tb\tc\td\te\tf\nu1\tU\t\t\t\tsame\nu2\tU\t\t\t\tsame\n';
    const parsed = parseTeamImport('tsv', text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 5, 6, 8]);
    expect(parsed.problems.find((p) => p.line === 5)?.message).toBe('team ok is also on line 1');
    expect(parsed.problems.find((p) => p.line === 6)?.message).toContain('7 columns');
    expect(parsed.problems.find((p) => p.line === 8)?.message).toBe('username same is also on line 7');
  });

  it('reads JSON lists, numbering entries from 1', () => {
    expect(parseTeamImport('json', '[{"teamId":"a","name":"A","groupIds":["g"]}]')).toEqual({ ok: true, entries: [{ line: 1, teamId: 'a', name: 'A', groupIds: ['g'] }] });
    const bad = parseTeamImport('json', '[{"teamId":"a","name":"A"},{"name":"B"},"x"]');
    expect(bad.ok ? [] : bad.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it.each([
    ['json', '{', 'not valid JSON'],
    ['json', '{"teamId":"a"}', 'must be a JSON list'],
    ['tsv', '# only a comment\n', 'no teams'],
    ['json', '[]', 'no teams'],
  ] as const)('refuses %s %j as a whole', (format, text, message) => {
    const parsed = parseTeamImport(format, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.message).toContain(message);
  });
});
