import { PackageError } from './package-error';
import { expectObject, pick, stringList } from './yaml-values';

/** `test_group.yaml` (2025-09) or `testdata.yaml` (legacy), only the keys Arena judges by. */
export interface TestGroupConfig {
  /** undefined = not given; null = `unbounded`. */
  maxScore: number | null | undefined;
  aggregation: 'pass-fail' | 'sum' | 'min' | undefined;
  requirePass: string[];
  acceptScore: number | undefined;
  validatorFlags: string[] | undefined;
}

/** Parses a test group file; throws PackageError naming the file and key. */
export function parseTestGroupConfig(raw: unknown, file: string): TestGroupConfig {
  const obj = expectObject(raw, file);
  let maxScore: number | null | undefined;
  if (obj.max_score !== undefined && obj.max_score !== null) {
    if (obj.max_score === 'unbounded') maxScore = null;
    else if (typeof obj.max_score === 'number' && Number.isFinite(obj.max_score) && obj.max_score >= 0) maxScore = obj.max_score;
    else throw new PackageError(file, `max_score must be a non-negative number or "unbounded" (got ${JSON.stringify(obj.max_score)})`);
  }
  let aggregation: TestGroupConfig['aggregation'];
  const agg = pick(obj, 'score_aggregation', 'grading');
  if (agg) {
    if (agg.value === 'pass-fail' || agg.value === 'sum' || agg.value === 'min') aggregation = agg.value;
    else throw new PackageError(file, `${agg.key} must be pass-fail, sum or min (got ${JSON.stringify(agg.value)})`);
  }
  let acceptScore: number | undefined;
  if (obj.accept_score !== undefined && obj.accept_score !== null) {
    if (typeof obj.accept_score !== 'number' || !Number.isFinite(obj.accept_score)) throw new PackageError(file, 'accept_score must be a number');
    acceptScore = obj.accept_score;
  }
  const flags = pick(obj, 'output_validator_args', 'output_validator_flags');
  return {
    maxScore,
    aggregation,
    requirePass: stringList(obj.require_pass, file, 'require_pass'),
    acceptScore,
    validatorFlags: flags ? stringList(flags.value, file, flags.key) : undefined,
  };
}
