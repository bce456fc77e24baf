import type { Command } from 'commander';
import { measureAccuracy, normalizeLabel } from '../../core/sentiment/accuracy.js';
import { readTextCsv } from '../../sources/sentiment/text-file.js';
import { sentimentModel } from '../../services/intel/sentiment-model.js';
import { CliError } from '../fail.js';
import { cliConfig } from '../context.js';

interface ScoreOpts { text?: string; input?: string; textColumn?: string; plain?: boolean; json?: boolean }

export function registerSentiment(program: Command): void {
  const cmd = program.command('sentiment').description('text sentiment (VADER rules and lexicon + crypto terms + Persian words)');
  cmd
    .command('score')
    .description('score texts -1…+1 with a label (positive >= 0.05, negative <= -0.05, else neutral)')
    .option('--text <text>', 'one text to score')
    .option('--input <file>', 'CSV with a header row; one score per row')
    .option('--text-column <name>', 'column of --input holding the text')
    .option('--plain', 'plain VADER: no crypto terms, no Persian words')
    .option('--json', 'one {"score","label"} JSON object per text, one per line')
    .action(async (opts: ScoreOpts) => {
      if (!opts.text === !opts.input) throw new CliError('give exactly one of --text "..." or --input FILE --text-column NAME');
      if (opts.input && !opts.textColumn) throw new CliError('--input needs --text-column NAME (the column holding the text)', 'bad_input', 'text-column');
      const texts = opts.text !== undefined ? [opts.text] : readTextCsv(opts.input!, { textColumn: opts.textColumn! }).map((r) => r.text);
      const model = sentimentModel({ ...(opts.plain ? { crypto: false, persian: false } : {}), dataDir: (await cliConfig()).dataDir });
      const out: string[] = [];
      for (const t of texts) {
        const s = model.score(t);
        out.push(opts.json ? JSON.stringify({ score: s.score, label: s.label }) : `${s.score.toFixed(4).padStart(7)}  ${s.label.padEnd(8)}  ${t.replace(/\s+/g, ' ').slice(0, 100)}`);
      }
      process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
    });
  cmd
    .command('accuracy')
    .description('accuracy on a labelled CSV, plain VADER next to VADER + crypto terms (+ Persian)')
    .requiredOption('--input <file>', 'CSV with a header row')
    .requiredOption('--text-column <name>', 'column holding the text')
    .requiredOption('--label-column <name>', 'column holding the label (positive/negative/neutral, any case)')
    .option('--json', 'JSON output')
    .action(async (opts: { input: string; textColumn: string; labelColumn: string; json?: boolean }) => {
      const rows = readTextCsv(opts.input, { textColumn: opts.textColumn, labelColumn: opts.labelColumn });
      const labelled = rows.flatMap((r) => {
        const label = normalizeLabel(r.label ?? '');
        return label ? [{ text: r.text, label }] : [];
      });
      if (!labelled.length) throw new CliError(`no row of ${opts.input} has a positive/negative/neutral label in "${opts.labelColumn}"`);
      const dataDir = (await cliConfig()).dataDir;
      const results = [sentimentModel({ crypto: false, persian: false, dataDir }), sentimentModel({ dataDir })].map((m) => measureAccuracy(m, labelled));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(results)}\n`);
        return;
      }
      for (const r of results) {
        process.stdout.write(`${r.model.padEnd(16)} n=${r.n}  accuracy ${(100 * r.accuracy).toFixed(1)}% (${r.correct}/${r.n}, neutral counted wrong)  neutral ${r.neutral}  accuracy when not neutral ${(100 * r.decidedAccuracy).toFixed(1)}% (${r.decided})\n`);
      }
    });
}
