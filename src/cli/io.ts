/** What a CLI command reads and writes, so that tests can run commands in process. */
export interface CliIo {
  /** A file descriptor to stream standard input from, in blocks (the real process gives 0). */
  readonly stdinFd?: number;
  /** True when standard input is a terminal: a command with no PATH then prints its usage instead of waiting. */
  readonly stdinIsTty?: boolean;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (used when `stdinFd` is not given). */
  readStdin(): string;
}

/** Exit codes, the same for every command (documented in every --help). */
export const EXIT_OK = 0;
/** Findings (lint), or documents that cannot be converted (convert). */
export const EXIT_FINDINGS = 1;
/** Bad usage, or input that cannot be read or parsed, or output that cannot be written. */
export const EXIT_USAGE = 2;
