/** CLI output: human text by default, one JSON document with --json. */
export interface Out {
  json: boolean;
  /** Prints `data` as JSON, or `text()` for people. */
  result(data: unknown, text: () => string): void;
}

export function makeOut(json: boolean): Out {
  return {
    json,
    result(data, text) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);
    },
  };
}
