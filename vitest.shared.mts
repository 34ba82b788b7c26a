/** JSON reports for CI's closing "N passed, N failed" line: written when TEST_REPORT_DIR is set. */
export function reporting(project: string) {
  const dir = process.env.TEST_REPORT_DIR;
  if (!dir) return { reporters: ['default'] };
  return {
    reporters: ['default', 'json'],
    outputFile: { json: `${dir}/${process.env.TEST_REPORT_NAME ?? 'run'}-${project}.json` },
  };
}
