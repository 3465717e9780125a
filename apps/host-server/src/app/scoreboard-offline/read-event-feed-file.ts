import { readFile } from 'node:fs/promises';
import { FeedFormatError } from '../../domain/feed/feed-error';
import type { ContestFeed } from '../../domain/feed/feed-model';
import { parseEventFeed } from '../../domain/feed/event-feed';
import { AppError } from '../errors';

/**
 * Reads and parses an event feed file (NDJSON, UTF-8). Throws AppError `not_found` if the file
 * cannot be read, `bad_request` (naming the line) if it is not a readable CLICS feed.
 */
export async function readEventFeedFile(path: string): Promise<ContestFeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('not_found', `Cannot read the event feed file ${path}${code ? ` (${code})` : ''}.`);
  }
  try {
    return parseEventFeed(text);
  } catch (err) {
    if (err instanceof FeedFormatError) throw new AppError('bad_request', `${path}: ${err.message}`);
    throw err;
  }
}
