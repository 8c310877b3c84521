// A jest reporter for `npm test`: each failed test's file, name and first message lines, appended to
// the file HUB_TEST_FAILURES names, so the run can repeat them at its very end (a CI log is often
// read from its tail, and jest's own report of a failure scrolls away under the projects after it).
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

const plain = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '');
const gist = (text) =>
  plain(text)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ');

class FailedTestsReporter {
  onTestResult(test, result) {
    const file = process.env.HUB_TEST_FAILURES;
    if (!file) return;
    const where = relative(process.cwd(), test.path);
    const lines = [];
    if (result.testExecError) lines.push(`${where}: ${gist(result.testExecError.message)}`);
    for (const r of result.testResults) {
      if (r.status === 'failed') lines.push(`${where} › ${r.fullName}: ${gist(r.failureMessages[0])}`);
    }
    if (lines.length) appendFileSync(file, `${lines.join('\n')}\n`);
  }
}

module.exports = FailedTestsReporter;
