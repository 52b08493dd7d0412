// Generates mondo's FSRS-6 golden vectors from the reference implementations:
//   ts-fsrs 5.4 (TypeScript, double precision) and fsrs-rs 6.5 via @open-spaced-repetition/binding
//   (Rust, f32). Run: `npm ci && node generate.mjs [LOG_CSV] [OUT_DIR]`
// Defaults: ../../tests/data/fsrs/fsrs-review-log.csv and ../../tests/data/fsrs/.
// Deterministic: the sequences come from a seeded PRNG, so re-running reproduces the files.
//
// Files written (all CSV with a header line; times are unix seconds unless named _ms):
//   parameter_sets.csv   id + 21 weights used by the sequences (0 = defaults)
//   ts_fsrs_model.csv    ts-fsrs with no learning steps: every review scheduled in days
//   ts_fsrs_steps.csv    ts-fsrs with learning/relearning steps (Anki's Hard rule, see below)
//   fsrs_rs_model.csv    fsrs-rs nextStates over the same reviews as ts_fsrs_model.csv
//   review_log.csv       the real log replayed by fsrs-rs and ts-fsrs (days: UTC, day start 04:00),
//                        one row per review of fsrs-review-log.csv in its (time) order; the
//                        reviews themselves are not repeated
//   migrate.csv          ts-fsrs migrateParameters for 17/19/21-value vectors
//   upgrade_states.csv   fsrs-rs memory states with 17/19-value and out-of-range vectors
//   fuzz_ranges.csv      ts-fsrs get_fuzz_range over intervals, elapsed days, maximum intervals
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fsrs, generatorParameters, createEmptyCard, Rating, State, StrategyMode, FSRSAlgorithm,
  migrateParameters, get_fuzz_range, default_w, CLAMP_PARAMETERS, W17_W18_Ceiling,
} from 'ts-fsrs';
import * as binding from '@open-spaced-repetition/binding';

const here = dirname(fileURLToPath(import.meta.url));
const logPath = process.argv[2] ?? join(here, '../../tests/data/fsrs/fsrs-review-log.csv');
const outDir = process.argv[3] ?? join(here, '../../tests/data/fsrs');
mkdirSync(outDir, { recursive: true });

// ---- deterministic PRNG (mulberry32) ---------------------------------------------------------
let rngState = 0x6d6f6e64; // "mond"
const rand = () => {
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pickRating = () => {
  const x = rand();
  return x < 0.15 ? 1 : x < 0.3 ? 2 : x < 0.85 ? 3 : 4;
};
const fmt = (x) => (x === null || x === undefined ? '' : String(x));
const write = (name, header, rows) => {
  writeFileSync(join(outDir, name), [header, ...rows.map((r) => r.map(fmt).join(','))].join('\n') + '\n');
  console.log(`${name}: ${rows.length} rows`);
};

// ---- parameter sets: defaults plus perturbed, clamped vectors --------------------------------
const clamps = CLAMP_PARAMETERS(W17_W18_Ceiling, true);
const parameterSets = [Array.from(default_w)];
for (let i = 1; i < 10; i++) {
  // Round to 4 decimals so the f32 binding and double ts-fsrs start from the same numbers.
  parameterSets.push(default_w.map((w, k) => {
    const v = Math.min(Math.max(w * (0.7 + 0.6 * rand()), clamps[k][0]), clamps[k][1]);
    return Math.round(v * 1e4) / 1e4;
  }));
}
write('parameter_sets.csv', 'id,' + default_w.map((_, k) => `w${k}`).join(','),
  parameterSets.map((w, i) => [i, ...w]));

const DAY = 86400;
const ratingsOf = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

// ---- (a) ts-fsrs, no steps: the memory model and day intervals --------------------------------
const modelRows = [];
const modelSequences = []; // reused for fsrs-rs
for (let seq = 0; seq < 300; seq++) {
  const paramId = seq < 120 ? 0 : randInt(1, parameterSets.length - 1);
  const retention = seq % 3 === 0 ? 0.9 : Math.round((0.7 + 0.29 * rand()) * 100) / 100;
  const maxInterval = seq % 10 === 9 ? randInt(30, 400) : 36500;
  const f = fsrs(generatorParameters({
    w: parameterSets[paramId], request_retention: retention, maximum_interval: maxInterval,
    enable_fuzz: false, enable_short_term: true, learning_steps: [], relearning_steps: [],
  }));
  let t = Date.UTC(2024, 0, 1) / 1000 + randInt(0, 200) * DAY + randInt(6 * 3600, 20 * 3600);
  let card = createEmptyCard(new Date(t * 1000));
  const length = randInt(4, 30);
  const reviews = [];
  for (let k = 0; k < length; k++) {
    const rating = pickRating();
    const before = card;
    const { card: next, log } = f.next(card, new Date(t * 1000), rating);
    const r = before.state === State.New ? null : f.forgetting_curve(log.elapsed_days, before.stability);
    modelRows.push([seq, k, paramId, retention, maxInterval, t, rating, log.elapsed_days, r,
      next.stability, next.difficulty, next.scheduled_days, next.state]);
    reviews.push({ rating, elapsed: log.elapsed_days });
    card = next;
    // Next review: same day sometimes, else around the interval (early, on time or late).
    if (rand() < 0.25) {
      const midnight = Math.floor(t / DAY) * DAY + DAY;
      t = Math.min(t + randInt(60, 4 * 3600), midnight - 1);
    } else {
      const days = rand() < 0.2 ? randInt(1, 90)
                                : Math.max(1, Math.round(next.scheduled_days * (0.3 + 2.2 * rand())));
      t = Math.floor(t / DAY) * DAY + days * DAY + randInt(0, DAY - 1);
    }
  }
  modelSequences.push({ paramId, retention, maxInterval, reviews });
}
write('ts_fsrs_model.csv',
  'seq,step,param_set,retention,max_interval,time,rating,elapsed_days,retrievability,stability,difficulty,interval,state',
  modelRows);

// ---- (b) fsrs-rs over the same reviews --------------------------------------------------------
const rsRows = [];
modelSequences.forEach((sequence, seq) => {
  const f = new binding.FSRSBinding(parameterSets[sequence.paramId]);
  let memory = null;
  sequence.reviews.forEach(({ rating, elapsed }, k) => {
    const states = f.nextStates(memory, sequence.retention, memory ? elapsed : 0);
    const next = [states.again, states.hard, states.good, states.easy][rating - 1];
    memory = next.memory;
    rsRows.push([seq, k, sequence.paramId, sequence.retention, rating, memory ? elapsed : 0,
      memory.stability, memory.difficulty, next.interval]);
  });
});
write('fsrs_rs_model.csv',
  'seq,step,param_set,retention,rating,elapsed_days,stability,difficulty,raw_interval', rsRows);

// ---- (c) ts-fsrs with (re)learning steps ------------------------------------------------------
// Steps 2m 10m / 10m: the first-step Hard mean (6m) is whole minutes in both implementations.
// ts-fsrs' own Hard rule uses the first-step mean on every step; Anki (and mondo) repeat the current
// step, so the generator plugs Anki's rule in through ts-fsrs' learning-steps strategy hook.
const toMin = (s) => parseInt(s, 10);
const ankiSteps = (params, state, curStep) => {
  const steps = state === State.Relearning || state === State.Review ? params.relearning_steps
                                                                      : params.learning_steps;
  if (steps.length === 0 || curStep >= steps.length) return {};
  const at = (i) => toMin(steps[i]);
  if (state === State.Review) return { [Rating.Again]: { scheduled_minutes: at(0), next_step: 0 } };
  const result = {
    [Rating.Again]: { scheduled_minutes: at(0), next_step: 0 },
    [Rating.Hard]: {
      scheduled_minutes: curStep === 0
        ? (steps.length >= 2 ? (at(0) + at(1)) / 2 : Math.min(at(0) * 1.5, at(0) + 1440))
        : at(curStep),
      next_step: curStep,
    },
  };
  if (curStep + 1 < steps.length) {
    result[Rating.Good] = { scheduled_minutes: at(curStep + 1), next_step: curStep + 1 };
  }
  return result;
};
const stepRows = [];
for (let seq = 0; seq < 200; seq++) {
  const retention = seq % 2 === 0 ? 0.9 : Math.round((0.7 + 0.29 * rand()) * 100) / 100;
  const f = fsrs(generatorParameters({
    w: parameterSets[0], request_retention: retention, enable_fuzz: false, enable_short_term: true,
    learning_steps: ['2m', '10m'], relearning_steps: ['10m'],
  }));
  f.useStrategy(StrategyMode.LEARNING_STEPS, ankiSteps);
  let t = Date.UTC(2024, 2, 1) / 1000 + randInt(0, 100) * DAY + randInt(6 * 3600, 20 * 3600);
  let card = createEmptyCard(new Date(t * 1000));
  const length = randInt(4, 25);
  for (let k = 0; k < length; k++) {
    const rating = pickRating();
    const before = card;
    const { card: next, log } = f.next(card, new Date(t * 1000), rating);
    const r = before.state === State.New ? null : f.forgetting_curve(log.elapsed_days, before.stability);
    const due = Math.round(next.due.getTime() / 1000);
    stepRows.push([seq, k, retention, t, rating, before.state, before.learning_steps, log.elapsed_days, r,
      next.stability, next.difficulty, next.state, next.learning_steps, next.scheduled_days, due - t,
      next.lapses]);
    card = next;
    const waitDays = rand() < 0.15 ? randInt(-1, 2) : 0;
    t = Math.max(t + 1, due + waitDays * DAY + randInt(0, 1800));
  }
}
write('ts_fsrs_steps.csv',
  'seq,step,retention,time,rating,state_before,step_before,elapsed_days,retrievability,stability,difficulty,state,learning_step,interval,interval_seconds,lapses',
  stepRows);

// ---- (d) the real review log -----------------------------------------------------------------
// Days as Anki and fsrs-rs count them: local calendar days (UTC here) starting at 04:00.
const dayNumber = (ms) => Math.floor((ms - 4 * 3600e3) / 86400e3);
const lines = readFileSync(logPath, 'utf8').trim().split('\n').slice(1);
const reviews = lines.map((line, index) => {
  const [cardId, rating, time] = line.trim().split(',');
  return { index, cardId, rating: +rating, ms: Date.parse(time) };
});
const chronological = [...reviews].sort((a, b) => a.ms - b.ms || a.index - b.index);
const rsBinding = new binding.FSRSBinding(parameterSets[0]);
const tsAlgorithm = new FSRSAlgorithm(generatorParameters({ w: parameterSets[0], enable_short_term: true }));
const last = new Map();
const logRows = [];
const perCard = new Map();
for (const review of chronological) {
  const prior = last.get(review.cardId);
  const elapsed = prior ? dayNumber(review.ms) - dayNumber(prior.ms) : 0;
  const states = rsBinding.nextStates(prior ? prior.rs : null, 0.9, elapsed);
  const rsNext = [states.again, states.hard, states.good, states.easy][review.rating - 1];
  const tsNext = tsAlgorithm.next_state(prior ? prior.ts : null, elapsed, review.rating);
  const r = prior ? tsAlgorithm.forgetting_curve(elapsed, prior.ts.stability) : null;
  logRows.push([elapsed, r,
    tsNext.stability, tsNext.difficulty, rsNext.memory.stability, rsNext.memory.difficulty,
    rsNext.interval]);
  last.set(review.cardId, { ms: review.ms, rs: rsNext.memory, ts: tsNext });
  if (!perCard.has(review.cardId)) perCard.set(review.cardId, []);
  perCard.get(review.cardId).push(`${review.rating}:${elapsed}`);
}
write('review_log.csv',
  'elapsed_days,retrievability,ts_stability,ts_difficulty,rs_stability,rs_difficulty,rs_raw_interval',
  logRows);

// Cross-check the day counting against fsrs-rs' own CSV conversion (Anki's rule, next day at 4,
// UTC): every training item it builds must be a prefix of a card history computed above.
const converted = ['card_id,review_time,review_rating,review_state,review_duration'];
const seen = new Set();
for (const review of reviews) {
  const [, , , duration] = lines[review.index].trim().split(',');
  converted.push([review.cardId, review.ms, review.rating, seen.has(review.cardId) ? 1 : 0, duration].join(','));
  seen.add(review.cardId);
}
const items = binding.convertCsvToFsrsItems(Buffer.from(converted.join('\n') + '\n'), 4, 'UTC', () => 0);
const histories = [...perCard.values()].map((h) => h.join(' '));
let matched = 0;
for (const item of items) {
  const text = item.reviews.map((r, i) => `${r.rating}:${i === 0 ? 0 : r.deltaT}`).join(' ');
  if (histories.some((h) => h === text || h.startsWith(text + ' '))) matched++;
}
console.log(`fsrs-rs CSV conversion: ${matched}/${items.length} items match the day counting`);
if (matched !== items.length) process.exitCode = 1;

// ---- (e) parameter migration and fuzz ranges -------------------------------------------------
const fsrs45 = [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61];
const fsrs5 = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925,
  1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621];
const outOfRange = [200, -1, 2.3065, 8.2956, 12, 0.8334, 3.0194, 0.9, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
  0.2629, 1.6483, 0.6014, 0.5, 3, 0.0912, 0, 0.05];
const migrateRows = [];
for (const [name, w, relearningSteps] of [['fsrs45', fsrs45, 1], ['fsrs5', fsrs5, 1], ['fsrs6_default', Array.from(default_w), 1],
  ['fsrs6_out_of_range', outOfRange, 1], ['fsrs6_three_relearning_steps', Array.from(default_w), 3],
  ['fsrs5_two_relearning_steps', fsrs5, 2]]) {
  migrateRows.push([name, relearningSteps, w.join(' '), migrateParameters(w, relearningSteps, true).join(' ')]);
}
write('migrate.csv', 'name,relearning_steps,input,output', migrateRows);

// fsrs-rs with the upgraded vectors: a first review, then each rating the same day and 5 days
// later. (ts-fsrs' FSRS object clips the upgraded w19 = 0 up to 0.01 again, fsrs-rs keeps 0.)
const upgradeRows = [];
for (const [name, w] of [['fsrs45', fsrs45], ['fsrs5', fsrs5], ['fsrs6_out_of_range', outOfRange]]) {
  const f = new binding.FSRSBinding(w);
  for (const first of [1, 2, 3, 4]) {
    const start = [f.nextStates(null, 0.9, 0)].map((n) => [n.again, n.hard, n.good, n.easy][first - 1].memory)[0];
    upgradeRows.push([name, first, '', '', start.stability, start.difficulty]);
    for (const elapsed of [0, 5]) {
      const next = f.nextStates(start, 0.9, elapsed);
      [next.again, next.hard, next.good, next.easy].forEach((state, i) => {
        upgradeRows.push([name, first, elapsed, i + 1, state.memory.stability, state.memory.difficulty]);
      });
    }
  }
}
write('upgrade_states.csv', 'name,first_rating,elapsed_days,rating,stability,difficulty', upgradeRows);

const fuzzRows = [];
for (const maxInterval of [36500, 100]) {
  for (let interval = 1; interval <= 400; interval++) {
    for (const elapsed of [0, 1, 5, 30, 150]) {
      const { min_ivl, max_ivl } = get_fuzz_range(interval, elapsed, maxInterval);
      fuzzRows.push([interval, elapsed, maxInterval, min_ivl, max_ivl]);
    }
  }
}
write('fuzz_ranges.csv', 'interval,elapsed_days,max_interval,min,max', fuzzRows);
