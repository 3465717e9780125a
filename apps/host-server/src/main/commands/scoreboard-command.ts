import { Option, type Command } from 'commander';
import { computeOfflineScoreboard } from '../../app/scoreboard-offline/offline-scoreboard';
import { formatScoreboardTable } from '../../app/scoreboard-offline/format-scoreboard-table';
import { readEventFeedFile } from '../../app/scoreboard-offline/read-event-feed-file';

interface ScoreboardCommandOptions {
  eventFeed: string;
  view: 'public' | 'jury';
  group?: string;
  json?: boolean;
}

/**
 * `arena-host scoreboard --event-feed FILE [--view public|jury] [--group ID] [--json]`: computes a
 * contest's scoreboard offline from a CLICS event feed (any CCS). With --json, stdout carries only
 * the CLICS scoreboard JSON (`{state?, rows}`); otherwise a readable table and the awards.
 */
export function registerScoreboardCommand(program: Command): void {
  program
    .command('scoreboard')
    .description('compute a contest scoreboard from a CLICS event feed file')
    .requiredOption('--event-feed <file>', 'CLICS event feed (NDJSON), current or 2020-era format')
    .addOption(new Option('--view <view>', 'public (frozen board) or jury (everything)').choices(['public', 'jury']).default('public'))
    .option('--group <id>', 'only teams in this group, ranked among themselves')
    .option('--json', 'print the CLICS scoreboard JSON only')
    .action(async (options: ScoreboardCommandOptions) => {
      const feed = await readEventFeedFile(options.eventFeed);
      const result = computeOfflineScoreboard(feed, { view: options.view, ...(options.group !== undefined ? { groupId: options.group } : {}) });
      process.stdout.write(options.json ? `${JSON.stringify(result.json)}\n` : formatScoreboardTable(feed, result));
    });
}
