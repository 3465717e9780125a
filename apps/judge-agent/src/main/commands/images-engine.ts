/**
 * Engine plumbing shared by the `judge images` commands: waiting for a streamed engine operation
 * (build, import, load) and turning the error it reports inside the stream into an exception.
 * Engine output is `unknown` until parsed.
 */
import type Docker from 'dockerode';
import { z } from 'zod';

const progressEvent = z.object({
  stream: z.string().optional(),
  status: z.string().optional(),
  error: z.string().optional(),
  errorDetail: z.object({ message: z.string().optional() }).optional(),
}).passthrough();

/** Resolves when the operation's stream ends; rejects with the engine's own message if it reported an error. */
export function followEngineProgress(docker: Docker, stream: NodeJS.ReadableStream, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, events: unknown[]) => {
      if (error) return reject(error);
      for (const raw of events) {
        const event = progressEvent.safeParse(raw);
        if (event.success && (event.data.error || event.data.errorDetail?.message)) {
          return reject(new Error(event.data.errorDetail?.message ?? event.data.error));
        }
      }
      resolve();
    }, (raw: unknown) => {
      const event = progressEvent.safeParse(raw);
      const text = event.success ? (event.data.stream ?? event.data.status ?? '') : '';
      for (const line of text.split('\n')) if (line.trim() !== '') log(line.trimEnd());
    });
  });
}

/** True if the engine has an image of that name. */
export async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch {
    return false;
  }
}
