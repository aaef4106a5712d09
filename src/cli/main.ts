#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runSpecJsonSchema } from '../spec/json-schema.js';
import { EXIT_BAD_INPUT, EXIT_OK, endOnStrayErrors, endProcess, exitCodeOf, runCommand } from './exit.js';
import { BACKENDS } from '../backend/select.js';
import { BENCH_WORKLOADS, benchCommand } from './bench.js';
import { DEFAULT_BUDGET } from '../doctor/doctor-json.js';
import { DEFAULT_BENCH_CASES } from '../experiments/experiment-json.js';
import { redisOption, runIdOption, storeOption } from './distributed.js';
import { doctorCommand } from './doctor.js';
import { experimentCommand } from './experiment.js';
import { exportCommand } from './export.js';
import { liveLingerOption, liveOption } from './live.js';
import { trainCommand } from './train.js';
import { DEFAULT_CHECKPOINT_SECONDS } from '../distributed/worker.js';
import { workerCommand } from './worker.js';

// a reader that stops early (`remedy --help | head`) is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function accuracy(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected an accuracy in (0, 1]');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected an integer ≥ 0');
  return n;
}

const program = new Command()
  .name('remedy')
  .description("Train neural networks the practitioner's way: exact as PyTorch, fast on the CPU.")
  .option('--debug', 'show stack traces of errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const debug = () => program.opts().debug === true;
endOnStrayErrors(debug);

program
  .command('train')
  .description('train the network a run spec describes')
  .argument('<spec>', 'the run spec (JSON); see schema/run-spec.schema.json')
  .option('--init <weights>', 'start from these weights (safetensors, PyTorch names and layouts)')
  .option('--save <weights>', 'write the trained weights (safetensors)')
  .option('--json <file>', 'write the history and test result as JSON')
  .option('--report <file>', 'write an HTML report: curves, gradient norms, confusion matrix, spec')
  .addOption(new Option('--epochs <n>', "train this many epochs instead of the spec's").argParser(positiveInt))
  .option('--checkpoint <dir>', 'write the complete state after every epoch (and on Ctrl-C) into this folder')
  .option('--resume <dir>', 'continue the run checkpointed in this folder (and keep checkpointing there)')
  .option('--onnx <file>', 'write the trained network as an ONNX model (opset 17)')
  .option('--quiet', 'print nothing but errors')
  .option('--verbose', 'also print the backend in use and why it was chosen')
  .addOption(liveOption())
  .addOption(liveLingerOption())
  .addHelpText('after', '\nExample:\n  remedy train examples/default.json --save trained.safetensors --json run.json')
  .action(async (spec: string, flags) => {
    process.exitCode = await runCommand(() => trainCommand(spec, flags), debug());
  });

program
  .command('export')
  .description('write the network of a run spec with trained weights as an ONNX model that onnxruntime runs')
  .argument('<spec>', 'the run spec (JSON) the weights were trained with')
  .requiredOption('--weights <weights>', 'the weights (safetensors, as train --save writes them)')
  .requiredOption('--onnx <file>', 'the ONNX file to write (opset 17)')
  .option('--quiet', 'print nothing but errors')
  .addHelpText('after', '\nExample:\n  remedy export examples/default.json --weights trained.safetensors --onnx model.onnx')
  .action(async (spec: string, flags) => {
    process.exitCode = await runCommand(() => exportCommand(spec, flags), program.opts().debug === true);
  });

program
  .command('doctor')
  .description('diagnose a run as the training tips say (docs/training-tips.md), race repairs, keep what measurably helps')
  .argument('<spec>', 'the run spec (JSON)')
  .addOption(new Option('--budget <epochs>', 'epochs to spend over all trials').argParser(positiveInt).default(DEFAULT_BUDGET))
  .addOption(new Option('--target <acc>', 'validation accuracy that counts as repaired').argParser(accuracy))
  .option('--json <file>', 'write the verdict, diagnoses, trials and best spec as JSON')
  .option('--save-spec <file>', 'write the repaired spec')
  .option('--report <file>', 'write an HTML report: verdict, diagnoses with evidence, curves before and after, trials, spec diff')
  .option('--quiet', 'print nothing but errors')
  .addOption(liveOption())
  .addOption(liveLingerOption())
  .addOption(redisOption())
  .addOption(storeOption())
  .addOption(runIdOption())
  .addHelpText('after', '\nExamples:\n  remedy doctor examples/deep-sigmoid-mse.json --budget 60 --target 0.9 --save-spec fixed.json\n  remedy doctor examples/deep-sigmoid-mse.json --redis redis://127.0.0.1:6379 --run-id sigmoid-1')
  .action(async (spec: string, flags) => {
    process.exitCode = await runCommand(() => doctorCommand(spec, flags), debug());
  });

program
  .command('experiment')
  .description(
    "reproduce the training tips' claims on real data over several seeds: loss, batch-size, activation, adaptive-lr, momentum, early-stopping, weight-decay, dropout, augmentation; " +
      'and published tables beside ours: lecture-demo, fashion-benchmark, dropout-paper (or published for the three)',
  )
  .argument('<name>', "an experiment, a published table, or all; also the doctor's checks: faults, doctor-vs-search, fault-bench")
  .option('--json <file>', 'write every run, interval and verdict as JSON')
  .option('--report <file>', 'write an HTML report: each claim, its verdict, the per-seed points and intervals, its runs and their curves')
  .addOption(new Option('--seeds <n>', 'seeds per run: claims and published tables (default 5), doctor-vs-search (default 3)').argParser(positiveInt))
  .addOption(new Option('--data <source>', 'the claims\' data').choices(['mnist-sample', 'fashion-mnist']).default('mnist-sample'))
  .option('--full', "the claims on the source's whole training set (Fashion-MNIST: 54,000 and 6,000 for validation), and all adds the published tables")
  .option('--faults <dir>', "faults, doctor-vs-search: the broken runs and their expectations (default: the package's test/faults)")
  .addOption(new Option('--budget <epochs>', 'faults, doctor-vs-search: epochs per case').argParser(positiveInt).default(DEFAULT_BUDGET))
  .addOption(new Option('--cases <n>', 'fault-bench: cases of the half (broken or not)').argParser(positiveInt).default(DEFAULT_BENCH_CASES))
  .addOption(new Option('--seed <n>', "fault-bench: the benchmark's seed (the cases follow from it)").argParser(nonNegativeInt).default(0))
  .addOption(new Option('--split <half>', 'fault-bench: dev (calibrate on it) or eval (only ever measured)').choices(['dev', 'eval']).default('dev'))
  .option('--generated', 'doctor-vs-search: on the generated fault benchmark (--split, --cases, --seed) instead of --faults')
  .option('--quiet', 'print nothing but errors')
  .addOption(liveOption())
  .addOption(liveLingerOption())
  .addOption(redisOption())
  .addOption(storeOption())
  .addOption(runIdOption())
  .addHelpText('after', '\nExamples:\n  remedy experiment batch-size --seeds 3 --report batch-size.html\n  remedy experiment doctor-vs-search --redis redis://127.0.0.1:6379 --json duels.json')
  .action(async (name: string, flags) => {
    process.exitCode = await runCommand(() => experimentCommand(name, flags), debug());
  });

program
  .command('worker')
  .description('take trial jobs that `remedy doctor|experiment --redis` put on Redis, train them, report (docs/distributed.md); ends on Ctrl-C or SIGTERM, handing its running trials back')
  .requiredOption('--redis <url>', 'the Redis of the queue (redis://HOST:PORT); unreachable at start: exit 2, lost later: reconnects and carries on')
  .addOption(new Option('--concurrency <n>', 'trials at a time, each in a thread with one BLAS thread (one per core is the most that pays)').argParser(positiveInt).default(1))
  .addOption(
    new Option('--checkpoint-every <seconds>', "store a trial's checkpoint at most this often while it trains (always at the end of a job); 0: after every epoch")
      .argParser(nonNegativeInt)
      .default(DEFAULT_CHECKPOINT_SECONDS),
  )
  .option('--quiet', 'print nothing but errors')
  .addHelpText('after', '\nExample:\n  remedy worker --redis redis://10.0.0.5:6379 --concurrency 2')
  .action(async (flags) => {
    process.exitCode = await runCommand(() => workerCommand(flags), debug());
  });

program
  .command('bench')
  .description('time one epoch of the benchmark workloads and a sweep of matrix products; --compare runs PyTorch and TensorFlow.js on the same work')
  .argument('[workload]', BENCH_WORKLOADS.join(', '), 'all')
  .option('--compare', 'also run PyTorch (torch_ref.py) and TensorFlow.js (wasm, cpu), and OpenBLAS for the products, and print the ratios')
  .option('--json <file>', 'write every measurement, the machine and the command as JSON')
  .addOption(new Option('--repeat <n>', 'epochs to time per framework; the median is reported').argParser(positiveInt).default(1))
  .addOption(new Option('--backend <name>', "remedy's backend (default: REMEDY_BACKEND, else blas where a BLAS loads, else wasm)").choices(BACKENDS))
  .option('--specs <dir>', 'the folder of mlp-fashion.json and cnn-fashion.json (default: bench/specs)')
  .option('--python <exe>', 'the Python that has torch', '/usr/bin/python3')
  .option('--torch-ref <file>', "PyTorch's twin of remedy train (default: the package's tools/torch_ref.py)")
  .addOption(new Option('--tfjs-steps <n>', 'TF.js steps to time before extrapolating to an epoch').argParser(positiveInt).default(50))
  .option('--quiet', 'print nothing but errors')
  .addHelpText('after', '\nExample:\n  remedy bench all --compare --repeat 3 --json bench.json')
  .action(async (workload: string, flags) => {
    process.exitCode = await runCommand(() => benchCommand(workload, flags), debug());
  });

program
  .command('schema')
  .description('print the JSON Schema of run specs')
  .action(async () => {
    process.exitCode = await runCommand(() => console.log(JSON.stringify(runSpecJsonSchema(), null, 2)), debug());
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // commander has already printed its one-line message; --help and --version exit 0
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  else process.exitCode = exitCodeOf(e, debug());
}
await endProcess(Number(process.exitCode ?? EXIT_OK));
