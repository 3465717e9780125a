/**
 * Lua scripts of the Redis ranking store, each run atomically by Redis (EVALSHA via ioredis
 * `defineCommand`, which falls back to EVAL after a Redis restart flushed the script cache).
 * Scores move between Redis and Lua as strings only: Redis 7's Lua rejects non-integer numbers
 * passed to redis.call, and a string keeps a composite exact.
 */

/**
 * KEYS[1] = ranking key, ARGV[1] = team id.
 * Returns the shared rank (1 + members with a strictly larger score) or nil when not ranked.
 */
export const RANK_OF_LUA = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return false end
return redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf') + 1
`;

/**
 * KEYS[1] = ranking key, ARGV[1] = first position (0-based), ARGV[2] = last position (inclusive).
 * Returns { strictly-better-count of the first row, member1, score1, member2, score2, ... } in
 * ZREVRANGE order (score desc, member desc), or {} when the window is past the end. The caller
 * derives every other rank from positions, so one ZCOUNT serves the whole page.
 */
export const PAGE_LUA = `
local rows = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
if #rows == 0 then return {} end
local better = redis.call('ZCOUNT', KEYS[1], '(' .. rows[2], '+inf')
table.insert(rows, 1, better)
return rows
`;
