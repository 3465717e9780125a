/**
 * Sources of the hostile programs the sandbox suite compiles (inside the sandbox) and runs.
 * Each prints what it managed to do, so a test can assert on facts rather than on silence.
 */
export const attackerSources: Record<string, string> = {
  'fork-bomb.c': `
#include <unistd.h>
int main(void) { for (;;) fork(); }
`,
  'fork-count.c': `
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
/* Forks sleeping children until fork fails, prints how many it got, exits (they die with the run). */
int main(void) {
  int count = 0;
  for (;;) { pid_t p = fork(); if (p < 0) break; if (p == 0) { pause(); _exit(0); } count++; }
  printf("forked %d\\n", count);
  return 0;
}
`,
  'heap-hog.c': `
#include <stdlib.h>
#include <string.h>
int main(void) {
  for (;;) { char *p = malloc(1 << 20); if (!p) return 3; memset(p, 1, 1 << 20); }
}
`,
  'stack-hog.c': `
#include <string.h>
static int dive(int depth) { volatile char frame[4096]; memset((char *)frame, depth, sizeof frame); return dive(depth + 1) + frame[7]; }
int main(void) { return dive(0); }
`,
  'tmp-fill.c': `
#include <stdio.h>
#include <string.h>
int main(void) {
  static char chunk[1 << 20]; memset(chunk, 7, sizeof chunk);
  FILE *f = fopen("/tmp/fill", "w"); if (!f) return 2;
  long written = 0;
  for (;;) {
    size_t n = fwrite(chunk, 1, sizeof chunk, f);
    if (n != sizeof chunk || fflush(f) != 0) break;
    written += (long)n;
  }
  printf("written %ld\\n", written);
  return 4;
}
`,
  'stdout-flood.c': `
#include <stdio.h>
int main(void) { for (;;) fputs("flood flood flood flood flood flood flood flood\\n", stdout); }
`,
  'file-flood.c': `
#include <stdio.h>
#include <string.h>
int main(void) {
  static char chunk[65536]; memset(chunk, 'x', sizeof chunk);
  FILE *f = fopen("/box/big.txt", "w"); if (!f) return 2;
  for (;;) { if (fwrite(chunk, 1, sizeof chunk, f) != sizeof chunk) return 5; }
}
`,
  'burn.c': `
int main(void) { volatile unsigned long x = 0; for (;;) x++; }
`,
  'burn-forks.c': `
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  for (int i = 0; i < 4; i++) if (fork() == 0) { volatile unsigned long x = 0; for (;;) x++; }
  for (;;) wait(0);
}
`,
  'burn-threads.c': `
#include <pthread.h>
static void *spin(void *arg) { volatile unsigned long x = 0; (void)arg; for (;;) x++; return 0; }
int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++) pthread_create(&t[i], 0, spin, 0);
  pthread_join(t[0], 0);
  return 0;
}
`,
  'sleeper.c': `
#include <unistd.h>
int main(void) { sleep(30); return 0; }
`,
  'self-stop.c': `
#include <signal.h>
int main(void) { raise(SIGSTOP); return 0; }
`,
  'connect.c': `
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
/* argv: ip port ...; prints CONNECTED or FAILED for each; exits 1 if any connected. */
int main(int argc, char **argv) {
  int any = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(atoi(argv[i + 1]));
    inet_pton(AF_INET, argv[i], &a.sin_addr);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    printf("%s %s:%s\\n", ok ? "CONNECTED" : "FAILED", argv[i], argv[i + 1]);
    any |= ok; if (s >= 0) close(s);
  }
  return any;
}
`,
  'read-files.c': `
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
/* argv: paths; prints READ <path> <first bytes> for every file it can read or directory it can list. */
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    DIR *d = opendir(argv[i]);
    if (d) { struct dirent *e; while ((e = readdir(d))) printf("LISTED %s %s\\n", argv[i], e->d_name); closedir(d); continue; }
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { printf("DENIED %s\\n", argv[i]); continue; }
    char buf[256]; ssize_t n = read(fd, buf, sizeof buf - 1); close(fd);
    if (n < 0) { printf("DENIED %s\\n", argv[i]); continue; }
    buf[n] = 0; printf("READ %s %s\\n", argv[i], buf);
  }
  return 0;
}
`,
  'write-files.c': `
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
/* argv: paths; prints WROTE or REFUSED for each. */
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int ok = fd >= 0 && write(fd, "pwned\\n", 6) == 6;
    printf("%s %s\\n", ok ? "WROTE" : "REFUSED", argv[i]);
    if (fd >= 0) close(fd);
  }
  return 0;
}
`,
  'tmp-state.c': `
#include <stdio.h>
#include <string.h>
/* "write": leaves /tmp/state; "check": exit 7 if a previous run's file is visible. */
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "write") == 0) { FILE *f = fopen("/tmp/state", "w"); if (!f) return 2; fputs("x", f); fclose(f); return 0; }
  FILE *f = fopen("/tmp/state", "r"); if (f) { fclose(f); return 7; }
  return 0;
}
`,
  'kill-parent.c': `
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
  printf("ppid %d kill-ppid %d\\n", getppid(), kill(getppid(), SIGKILL));
  printf("kill-1 %d\\n", kill(1, SIGKILL));
  fflush(stdout);
  signal(SIGTERM, SIG_IGN);
  kill(-1, SIGKILL);
  return 0;
}
`,
  'daemon.c': `
#include <stdlib.h>
#include <unistd.h>
int main(void) {
  if (fork() == 0) { setsid(); if (fork() == 0) { for (int i = 0; i < 3; i++) close(i); for (;;) sleep(100); } _exit(0); }
  sleep(1);
  return 0;
}
`,
  'list-fds.c': `
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
/* Prints every open fd except the directory handle used to list them, with its target. */
int main(void) {
  DIR *d = opendir("/proc/self/fd"); struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d)) continue;
    char path[300], target[300]; snprintf(path, sizeof path, "/proc/self/fd/%s", e->d_name);
    ssize_t n = readlink(path, target, sizeof target - 1); target[n > 0 ? n : 0] = 0;
    printf("FD %s %s\\n", e->d_name, target);
  }
  return 0;
}
`,
  'plant-links.c': `
#include <unistd.h>
/* argv: target linkname pairs. */
int main(int argc, char **argv) { for (int i = 1; i + 1 < argc; i += 2) symlink(argv[i], argv[i + 1]); return 0; }
`,
  'env-probe.c': `
#include <dirent.h>
#include <stdio.h>
#include <string.h>
extern char **environ;
/* Prints its own environment and every readable /proc/<pid>/environ inside the sandbox. */
int main(void) {
  for (char **e = environ; *e; e++) printf("ENV %s\\n", *e);
  DIR *d = opendir("/proc"); struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    char path[300], buf[4096]; snprintf(path, sizeof path, "/proc/%s/environ", e->d_name);
    FILE *f = fopen(path, "r"); if (!f) continue;
    size_t n = fread(buf, 1, sizeof buf - 1, f); fclose(f);
    for (size_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = ' ';
    buf[n] = 0; printf("PROC %s %s\\n", e->d_name, buf);
  }
  return 0;
}
`,
};

/** Compile-time attacks: sources fed to gcc/g++ inside the sandbox. */
export function compileAttackSources(secretHostPath: string): Record<string, string> {
  const manyErrors = Array.from({ length: 20000 }, (_, i) => `int f${i}( { garbage ${i} !! }`).join('\n');
  return {
    'include-zero.c': '#include "/dev/zero"\nint main(void) { return 0; }\n',
    'include-urandom.c': '#include "/dev/urandom"\nint main(void) { return 0; }\n',
    'recursive-include.c': '#include "recursive-include.c"\nint main(void) { return 0; }\n',
    'include-shadow.c': '#include "/etc/shadow"\nint main(void) { return 0; }\n',
    'include-secret.c': `#include "${secretHostPath}"\nint main(void) { return 0; }\n`,
    'error-flood.c': `${manyErrors}\nint main(void) { return 0; }\n`,
    'template-bomb.cpp': `
template <int N, typename T> struct Bomb {
  typedef Bomb<N - 1, Bomb<N, T>> left;
  typedef Bomb<N - 1, Bomb<N + 1, T>> right;
  static const long value = left::value + right::value;
};
template <typename T> struct Bomb<0, T> { static const long value = 1; };
int main() { return (int)Bomb<40, int>::value; }
`,
  };
}
