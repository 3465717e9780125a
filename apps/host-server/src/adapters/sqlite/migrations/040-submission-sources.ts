/**
 * Submitted sources live in SQLite, written in the submission's own transaction: one fsync per
 * group commit covers the row, its event and its bytes (no per-file fsync in the blob store).
 * The zip is kept once, byte for byte as submitted (content-addressed by its sha256); each file
 * in it is indexed by its own sha256 (pointing at a zip that contains it) so judges can fetch
 * single files by hash without a second copy of the bytes.
 */
export const sql = `
CREATE TABLE submission_zips (
  sha256 TEXT PRIMARY KEY,          -- of bytes
  bytes BLOB NOT NULL
);
CREATE TABLE submission_files (
  sha256 TEXT PRIMARY KEY,          -- of the file's content
  zip_sha256 TEXT NOT NULL,         -- a zip in submission_zips that holds it
  path TEXT NOT NULL                -- its path in that zip
);
`;
