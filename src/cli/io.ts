/** What a CLI command reads and writes, so that tests can run commands in process. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input. */
  readStdin(): string;
}
