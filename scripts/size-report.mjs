// A rollup plugin that prints the brotli sizes of the real visit scenarios once all bundles are written.
import { formatReport, measure } from './size.mjs';

export function sizeReport() {
  return {
    name: 'clinic-consent-size-report',
    writeBundle() {
      console.log(`\n${formatReport(measure())}\n`);
    },
  };
}
