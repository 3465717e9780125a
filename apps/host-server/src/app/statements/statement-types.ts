/**
 * Maps a file reference written in a statement (`images/sum.png`, `figure` without extension in
 * LaTeX) to the URL the contestant's client loads, registering the file as a statement asset.
 * Returns null when the file is not in the package (or is an external URL): the image is dropped.
 */
export type AssetResolver = (ref: string, candidateExtensions?: readonly string[]) => string | null;

/** Sanitized statement HTML plus what the renderer had to give up on (for the import report). */
export interface RenderedStatement {
  html: string;
  warnings: string[];
}
