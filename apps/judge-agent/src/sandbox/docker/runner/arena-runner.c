/*
 * arena-runner: the long-lived process inside a judge container (docker backend).
 *
 * One runner per container; the judge agent sends it one request per program run on stdin and
 * reads one reply line per request on stdout. Requests run one at a time. For each run the
 * runner forks the program with per-run rlimits, enforces the TOTAL CPU time of every process
 * of the run (polling /proc; RLIMIT_CPU is only a per-process backstop) and the wall time, kills
 * everything the run left behind (it is a child subreaper, so orphans come back to it), measures
 * CPU (rusage of every reaped process), wall time and peak RSS, and reads the container memory
 * cgroup's OOM-kill count before and after.
 *
 * The runner runs as root inside the container with only CAP_SETUID, CAP_SETGID and CAP_KILL
 * (everything else dropped, no-new-privileges); every program runs as the unprivileged uid the
 * request names, so a program can neither signal nor trace the runner or the init, and cannot
 * turn its own mischief into a sandbox failure.
 *
 * Protocol (text lines, fields hex-encoded so that nothing inside can break a line):
 *   request:  "ARENA1 <hex(key=value)> <hex(key=value)> ...\n"
 *             keys: uid cpu_ms wall_ms fsize nproc nofile stdin stdout stderr cwd env(*) arg(*)
 *   reply:    "ARENA1 ok status=<wait status> cpu_us=<n> wall_us=<n> maxrss_kb=<n> oom=<n|-1>
 *              killed=<none|cpu|wall> clean=<0|1>\n"
 *             or "ARENA1 error <hex(message)>\n" when the run could not be started (no verdict).
 * Lines not starting with "ARENA1 " are ignored (an engine may put bytes on stdin at attach).
 * Exits when stdin closes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <grp.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ITEMS 4096
#define POLL_NS 5000000L

struct request {
  long long uid, cpu_ms, wall_ms, fsize, nproc, nofile;
  char *stdin_path, *stdout_path, *stderr_path, *cwd;
  char *env[MAX_ITEMS];
  int env_count;
  char *argv[MAX_ITEMS];
  int arg_count;
};

static void reply_error(const char *message) {
  printf("ARENA1 error ");
  for (const unsigned char *p = (const unsigned char *)message; *p; p++) printf("%02x", *p);
  printf("\n");
  fflush(stdout);
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes a hex token in place; returns 0 on success. */
static int unhex(char *token) {
  size_t length = strlen(token);
  if (length % 2 != 0) return -1;
  for (size_t i = 0; i < length; i += 2) {
    int high = hex_value(token[i]), low = hex_value(token[i + 1]);
    if (high < 0 || low < 0) return -1;
    token[i / 2] = (char)(high * 16 + low);
  }
  token[length / 2] = '\0';
  return 0;
}

static int parse_request(char *line, struct request *req) {
  memset(req, 0, sizeof *req);
  req->nofile = 64;
  char *save = NULL;
  strtok_r(line, " \n", &save); /* "ARENA1" */
  for (char *token = strtok_r(NULL, " \n", &save); token; token = strtok_r(NULL, " \n", &save)) {
    if (unhex(token) != 0) return -1;
    char *eq = strchr(token, '=');
    if (!eq) return -1;
    *eq = '\0';
    char *value = eq + 1;
    if (strcmp(token, "uid") == 0) req->uid = atoll(value);
    else if (strcmp(token, "cpu_ms") == 0) req->cpu_ms = atoll(value);
    else if (strcmp(token, "wall_ms") == 0) req->wall_ms = atoll(value);
    else if (strcmp(token, "fsize") == 0) req->fsize = atoll(value);
    else if (strcmp(token, "nproc") == 0) req->nproc = atoll(value);
    else if (strcmp(token, "nofile") == 0) req->nofile = atoll(value);
    else if (strcmp(token, "stdin") == 0) req->stdin_path = value;
    else if (strcmp(token, "stdout") == 0) req->stdout_path = value;
    else if (strcmp(token, "stderr") == 0) req->stderr_path = value;
    else if (strcmp(token, "cwd") == 0) req->cwd = value;
    else if (strcmp(token, "env") == 0 && req->env_count < MAX_ITEMS - 1) req->env[req->env_count++] = value;
    else if (strcmp(token, "arg") == 0 && req->arg_count < MAX_ITEMS - 1) req->argv[req->arg_count++] = value;
    else return -1;
  }
  return req->arg_count > 0 && req->uid > 0 && req->cpu_ms > 0 && req->wall_ms > 0 ? 0 : -1;
}

static long long monotonic_us(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)now.tv_sec * 1000000LL + now.tv_nsec / 1000;
}

/* OOM kills of this container's memory cgroup so far, or -1 if the cgroup files are not visible. */
static long long oom_kill_count(void) {
  const char *files[] = {"/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"};
  for (int i = 0; i < 2; i++) {
    FILE *f = fopen(files[i], "r");
    if (!f) continue;
    char key[64];
    long long value;
    while (fscanf(f, "%63s %lld", key, &value) == 2) {
      if (strcmp(key, "oom_kill") == 0) {
        fclose(f);
        return value;
      }
    }
    fclose(f);
  }
  return -1;
}

/* CPU (µs) of live processes other than init and the runner: own time plus reaped children's. */
static long long live_cpu_us(void) {
  static long ticks = 0;
  if (ticks == 0) ticks = sysconf(_SC_CLK_TCK);
  long long total = 0;
  pid_t self = getpid();
  DIR *proc = opendir("/proc");
  if (!proc) return 0;
  struct dirent *entry;
  while ((entry = readdir(proc)) != NULL) {
    pid_t pid = (pid_t)atoi(entry->d_name);
    if (pid <= 1 || pid == self) continue;
    char path[64], buffer[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (n <= 0) continue;
    buffer[n] = '\0';
    char *after = strrchr(buffer, ')');
    if (!after) continue;
    /* Fields after the comm: state(3) ... utime(14) stime(15) cutime(16) cstime(17). */
    unsigned long long utime, stime;
    long long cutime, cstime;
    if (sscanf(after + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld", &utime, &stime, &cutime, &cstime) == 4) {
      total += (long long)(utime + stime + (unsigned long long)cutime + (unsigned long long)cstime) * 1000000LL / ticks;
    }
  }
  closedir(proc);
  return total;
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *ftw) {
  (void)ftw;
  if (type == FTW_DNR || (type == FTW_D && (info->st_mode & 0700) != 0700)) chmod(path, 0700);
  if (remove(path) != 0 && errno != ENOENT) return -1;
  return 0;
}

/* Removes the entries of `dir` that `uid` owns (recursively). Returns 0 if none is left. */
static int empty_dir(const char *dir, uid_t uid) {
  for (int pass = 0; pass < 2; pass++) {
    DIR *handle = opendir(dir);
    if (!handle) return errno == ENOENT ? 0 : -1;
    int left = 0;
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
      if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
      struct stat info;
      if (lstat(path, &info) != 0 || info.st_uid != uid) continue;
      if (pass == 1) {
        left++;
        continue;
      }
      if (S_ISDIR(info.st_mode)) {
        /* A run may have taken permissions away from its own directories: give them back. */
        chmod(path, 0700);
        nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
        rmdir(path);
      } else {
        remove(path);
      }
    }
    closedir(handle);
    if (pass == 1) return left == 0 ? 0 : -1;
  }
  return 0;
}

/* Becomes `uid` for good (real, effective, saved; no supplementary groups). */
static int drop_to(long long uid) {
  if (setgroups(0, NULL) != 0 || setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0 || setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) return -1;
  return getuid() == (uid_t)uid && geteuid() == (uid_t)uid ? 0 : -1;
}

/*
 * Removes what the run left in the container's writable places outside /box (/tmp, and the
 * tmpfs an engine may add: /run, /var/tmp, /dev/shm, POSIX message queues), as the run's uid
 * (root here has no CAP_DAC_OVERRIDE). 1 if nothing of the uid is left.
 */
static int clean_scratch(long long uid) {
  static const char *dirs[] = {"/tmp", "/dev/shm", "/var/tmp", "/run", "/dev/mqueue"};
  pid_t cleaner = fork();
  if (cleaner < 0) return 0;
  if (cleaner == 0) {
    if (drop_to(uid) != 0) _exit(1);
    int clean = 1;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) clean &= empty_dir(dirs[i], (uid_t)uid) == 0;
    _exit(clean ? 0 : 1);
  }
  int status = 0;
  if (waitpid(cleaner, &status, 0) != cleaner) return 0;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int open_or_null(const char *path, int flags) {
  if (path == NULL || path[0] == '\0') return open("/dev/null", flags);
  return open(path, flags | O_NOFOLLOW, 0644);
}

/* In the forked child: limits, redirections, exec. Reports errno on the error pipe on failure. */
static void exec_program(struct request *req, int error_fd) {
  int failed_step = 0;
  setsid();
  int adj = open("/proc/self/oom_score_adj", O_WRONLY);
  if (adj >= 0) {
    (void)!write(adj, "1000", 4);
    close(adj);
  }
  struct rlimit limit;
  long long cpu_s = (req->cpu_ms + 999) / 1000 + 1;
  limit.rlim_cur = (rlim_t)cpu_s;
  limit.rlim_max = (rlim_t)cpu_s + 1;
  setrlimit(RLIMIT_CPU, &limit);
  limit.rlim_cur = limit.rlim_max = (rlim_t)req->fsize;
  if (req->fsize > 0) setrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = limit.rlim_max = 0;
  setrlimit(RLIMIT_CORE, &limit);
  limit.rlim_cur = limit.rlim_max = (rlim_t)req->nofile;
  setrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
  setrlimit(RLIMIT_STACK, &limit); /* the stack is limited by the memory limit alone */
  if (req->nproc > 0) {
    limit.rlim_cur = limit.rlim_max = (rlim_t)req->nproc;
    setrlimit(RLIMIT_NPROC, &limit);
  }
  if (drop_to(req->uid) != 0) {
    int report[2] = {7, errno};
    (void)!write(error_fd, report, sizeof report);
    _exit(127);
  }
  int in = open_or_null(req->stdin_path, O_RDONLY);
  int out = open_or_null(req->stdout_path, O_WRONLY | O_CREAT | O_TRUNC);
  int err = open_or_null(req->stderr_path, O_WRONLY | O_CREAT | O_TRUNC);
  if (in < 0) failed_step = 1;
  else if (out < 0) failed_step = 2;
  else if (err < 0) failed_step = 3;
  else if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) failed_step = 4;
  else if (chdir(req->cwd && req->cwd[0] ? req->cwd : "/box") != 0) failed_step = 5;
  if (failed_step == 0) {
    for (int fd = 3; fd < 1024; fd++) {
      if (fd != error_fd) close(fd);
    }
    req->argv[req->arg_count] = NULL;
    req->env[req->env_count] = NULL;
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execvpe(req->argv[0], req->argv, req->env);
    failed_step = 6;
  }
  int report[2] = {failed_step, errno};
  (void)!write(error_fd, report, sizeof report);
  _exit(127);
}

static void run(struct request *req) {
  static const char *step_names[] = {"", "open stdin", "open stdout", "open stderr", "redirect", "chdir", "exec", "setuid"};
  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) != 0) {
    reply_error("pipe failed");
    return;
  }
  long long oom_before = oom_kill_count();
  long long started = monotonic_us();
  pid_t child = fork();
  if (child < 0) {
    reply_error("fork failed");
    close(error_pipe[0]);
    close(error_pipe[1]);
    return;
  }
  if (child == 0) {
    close(error_pipe[0]);
    exec_program(req, error_pipe[1]);
  }
  close(error_pipe[1]);
  int report[2] = {0, 0};
  ssize_t got = read(error_pipe[0], report, sizeof report);
  close(error_pipe[0]);

  long long reaped_cpu_us = 0, maxrss_kb = 0, wall_us = 0;
  int status = 0, main_done = 0;
  const char *killed = "none";
  while (!main_done) {
    struct rusage usage;
    pid_t pid;
    while ((pid = wait4(-1, &status, WNOHANG, &usage)) > 0) {
      reaped_cpu_us += usage.ru_utime.tv_sec * 1000000LL + usage.ru_utime.tv_usec + usage.ru_stime.tv_sec * 1000000LL + usage.ru_stime.tv_usec;
      if (usage.ru_maxrss > maxrss_kb) maxrss_kb = usage.ru_maxrss;
      if (pid == child) {
        main_done = 1;
        wall_us = monotonic_us() - started;
        break;
      }
    }
    if (main_done) break;
    long long elapsed = monotonic_us() - started;
    if (strcmp(killed, "none") == 0) {
      if (reaped_cpu_us + live_cpu_us() > req->cpu_ms * 1000LL) killed = "cpu";
      else if (elapsed > req->wall_ms * 1000LL) killed = "wall";
      if (strcmp(killed, "none") != 0) kill(-1, SIGKILL);
    }
    struct timespec pause = {0, POLL_NS};
    nanosleep(&pause, NULL);
  }
  int main_status = status;
  /* Everything the run left behind (daemons, orphans) dies now; the subreaper reaps them. */
  kill(-1, SIGKILL);
  for (;;) {
    struct rusage usage;
    pid_t pid = wait4(-1, &status, 0, &usage);
    if (pid < 0) break;
    reaped_cpu_us += usage.ru_utime.tv_sec * 1000000LL + usage.ru_utime.tv_usec + usage.ru_stime.tv_sec * 1000000LL + usage.ru_stime.tv_usec;
    if (usage.ru_maxrss > maxrss_kb) maxrss_kb = usage.ru_maxrss;
  }
  if (got == (ssize_t)sizeof report && report[0] != 0) {
    char message[256];
    snprintf(message, sizeof message, "%s failed for \"%s\": %s", step_names[report[0]], req->argv[0], strerror(report[1]));
    reply_error(message);
    return;
  }
  long long oom_after = oom_kill_count();
  long long oom = oom_before < 0 || oom_after < 0 ? -1 : oom_after - oom_before;
  int clean = clean_scratch(req->uid);
  printf("ARENA1 ok status=%d cpu_us=%lld wall_us=%lld maxrss_kb=%lld oom=%lld killed=%s clean=%d\n",
         main_status, reaped_cpu_us, wall_us, maxrss_kb, oom, killed, clean);
  fflush(stdout);
}

int main(void) {
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  signal(SIGPIPE, SIG_IGN);
  /* Engines differ in the mode they give a tmpfs (Podman ignores mode=); the runner owns both. */
  chmod("/tmp", 01777);
  chmod("/dev/shm", 01777);
  static char line[1 << 20];
  printf("ARENA1 ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin) != NULL) {
    if (strncmp(line, "ARENA1 ", 7) != 0) continue;
    struct request req;
    if (parse_request(line, &req) != 0) {
      reply_error("malformed request");
      continue;
    }
    run(&req);
  }
  return 0;
}
