import { z } from 'zod';

/**
 * Host configuration: parsed once at start from the config file and CLI flags, then frozen
 * (STYLE.md 12). `config/host.sample.yaml` documents every key.
 */
export const HostConfigSchema = z.strictObject({
  dataDir: z.string().min(1),
  listenHost: z.string().default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(8443),
  tls: z.boolean().default(true),
  mdns: z.boolean().default(true),
  redisUrl: z.string().nullable().default(null),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** On SIGTERM/SIGINT, how long in-flight requests may take before connections are cut. */
  shutdownGraceMs: z.number().int().nonnegative().default(10_000),
  /** Shared secret judge agents present on `/judge`; generated into the data dir when unset. */
  judgeKey: z.string().min(16).nullable().default(null),
  judging: z.strictObject({
    leaseTimeoutMs: z.number().int().positive().default(5000),
    maxAttempts: z.number().int().positive().default(3),
    defaultTimeLimitS: z.number().positive().default(2),
    defaultMemoryLimitMb: z.number().int().positive().default(2048),
    defaultOutputLimitMb: z.number().int().positive().default(8),
    compileTimeLimitS: z.number().positive().default(60),
  }).prefault({}),
  submissions: z.strictObject({
    maxSourceBytes: z.number().int().positive().default(256 * 1024),
    /** Per team: at most `burst` submissions, refilled at `perMinute`. */
    rateLimitPerMinute: z.number().positive().default(10),
    rateLimitBurst: z.number().int().positive().default(5),
  }).prefault({}),
  auth: z.strictObject({
    sessionTtlHours: z.number().positive().default(12),
  }).prefault({}),
  api: z.strictObject({
    /** Event feed keep-alive: an empty line at least this often (CLICS requires <= 120 s). */
    feedKeepAliveMs: z.number().int().positive().max(120_000).default(60_000),
    /** How often the clock checks for time-driven state changes (start, freeze, end). */
    clockTickMs: z.number().int().positive().default(1000),
  }).prefault({}),
  backup: z.strictObject({
    intervalSeconds: z.number().int().positive().default(60),
    keep: z.number().int().positive().default(10),
  }).prefault({}),
  print: z.strictObject({
    /** Print command as argv (never run through a shell), e.g. ["lp", "-t", "{title}"]; null = the console prints from the browser. */
    command: z.array(z.string().min(1)).min(1).nullable().default(null),
    timeoutMs: z.number().int().positive().default(30_000),
  }).prefault({}),
  balloons: z.strictObject({
    /** Show balloons for submissions made during the scoreboard freeze (the hall then learns what the board hides). */
    showDuringFreeze: z.boolean().default(false),
  }).prefault({}),
  uploads: z.strictObject({
    /** Largest contest package zip accepted over HTTP (POST /api/arena/contest-packages). */
    maxPackageBytes: z.number().int().positive().default(1024 * 1024 * 1024),
  }).prefault({}),
});
export type HostConfig = Readonly<z.infer<typeof HostConfigSchema>>;

/** Parses and freezes a config; throws with every problem listed. */
export function parseHostConfig(raw: unknown): HostConfig {
  const result = HostConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid host configuration: ${problems}`);
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
