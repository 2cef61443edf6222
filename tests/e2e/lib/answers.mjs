// What to answer to a question, and whether an answer is right, from the
// course data alone (the JSON embedded in the package). The rules mirror
// player/src/core/state.rs (`is_correct`, `normalize`) on purpose: if the
// player changes how it marks answers, these tests must change with it.
import assert from "node:assert/strict";

/** The question kinds a course can hold, and whether they are graded. */
export const KINDS = ["choice", "true-false", "fill-in", "ordering", "matching", "scale", "reflection"];
export const GRADED = new Set(["choice", "true-false", "fill-in", "ordering", "matching"]);

/** The default text a scripted learner writes in a reflection. */
export function reflectionText(question) {
  return `Min reflektion om ${question.id}: samverkan mellan skola och socialtjänst.`;
}

/** Fill-in comparison as the player does it: case and spacing ignored unless `exact`. */
export function normalizeFillIn(text, exact) {
  if (exact) return text;
  return text.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

/** The distinct right-hand items of a matching question, in the order of first use. */
export function matchingTargets(question) {
  return [...new Set((question.options || []).map((o) => o.matches))];
}

/**
 * Whether `sub` ({id, chosen} or {id, text}) is the right answer to
 * `question`: true/false for graded kinds, null for scale and reflection.
 */
export function judge(question, sub) {
  const options = question.options || [];
  switch (question.type) {
    case "choice":
    case "true-false":
      return options.every((o) => o.correct === sub.chosen.includes(o.id));
    case "ordering":
      return sub.chosen.length === options.length && sub.chosen.every((id, k) => id === options[k].id);
    case "matching":
      return sub.chosen.length === options.length && sub.chosen.every((pick, k) => pick === options[k].matches);
    case "fill-in": {
      const given = normalizeFillIn(sub.text, question.exact);
      return (question.accepted || []).some((a) => normalizeFillIn(a, question.exact) === given);
    }
    default:
      return null;
  }
}

const WRONG_TEXTS = ["fel svar", "vet inte", "ingen aning 42"];

/**
 * The answer a learner gives to answer `question` right (`correct`) or
 * wrong, from the course data: {id, chosen: [...]} for choice, true/false
 * and scale (options to check, in the order shown), ordering (the items in
 * the order to leave them) and matching (the right-hand item picked for
 * each left-hand item, in order); {id, text} for fill-in and reflection.
 * Scale and reflection have no right answer: any point, any text.
 */
export function plannedAnswer(question, correct, { text } = {}) {
  const id = question.id;
  const options = question.options || [];
  let sub;
  switch (question.type) {
    case "choice":
    case "true-false": {
      let chosen;
      if (correct) chosen = options.filter((o) => o.correct).map((o) => o.id);
      else if (question.multiple) chosen = options.filter((o) => !o.correct).map((o) => o.id);
      else chosen = options.filter((o) => !o.correct).slice(0, 1).map((o) => o.id);
      sub = { id, chosen };
      break;
    }
    case "scale":
      assert.ok(options.length > 0, `scale ${id} has no points in the course data`);
      sub = { id, chosen: [options[Math.floor((options.length - 1) / 2)].id] };
      break;
    case "ordering": {
      const right = options.map((o) => o.id);
      sub = { id, chosen: correct ? right : [...right].reverse() };
      break;
    }
    case "matching": {
      const right = options.map((o) => o.matches);
      if (correct) {
        sub = { id, chosen: right };
        break;
      }
      // Every pick moved one place on: a wrong permutation, unless every
      // left item has the same partner; then one pick goes elsewhere.
      let picks = right.map((_, k) => right[(k + 1) % right.length]);
      if (picks.every((p, k) => p === right[k])) {
        const other = matchingTargets(question).find((t) => t !== right[0]);
        assert.ok(other !== undefined, `matching ${id}: only one right-hand item, it cannot be answered wrongly`);
        picks = [other, ...right.slice(1)];
      }
      sub = { id, chosen: picks };
      break;
    }
    case "fill-in": {
      const accepted = question.accepted || [];
      assert.ok(accepted.length > 0, `fill-in ${id} has no accepted answer in the course data`);
      // Right: the last accepted answer (the LMS pattern shows the first, so
      // response and pattern differ and the answer must still count).
      sub = { id, text: correct ? accepted[accepted.length - 1] : WRONG_TEXTS.find((t) => !judge(question, { text: t })) };
      assert.ok(sub.text !== undefined, `fill-in ${id}: every wrong text of the test is accepted`);
      break;
    }
    case "reflection":
      sub = { id, text: text ?? reflectionText(question) };
      break;
    default:
      assert.fail(`question ${id} has an unknown type ${JSON.stringify(question.type)}`);
  }
  if (GRADED.has(question.type)) {
    assert.equal(judge(question, sub), Boolean(correct), `question ${id}: the planned ${correct ? "right" : "wrong"} answer ${JSON.stringify(sub)} is judged otherwise`);
  }
  return sub;
}

/** The answer as the player keeps it in suspend data (option ids or text). */
export function savedForm(sub) {
  return sub.chosen ?? sub.text;
}

/**
 * The questions that count towards the score: the quiz's when the course
 * has a quiz, else every graded question (player: Course::scored).
 */
export function scoredQuestions(course) {
  const graded = (course.questions || []).filter((q) => GRADED.has(q.type));
  const quiz = graded.some((q) => q.quiz);
  return graded.filter((q) => q.quiz || !quiz);
}

/**
 * The whole-number percentage `answers` ({question id: sub}, the latest
 * answer to each) earn over `questions` (by weight, rounded half up as
 * the player does), or null when the questions weigh nothing.
 */
export function percentOf(questions, answers) {
  let total = 0;
  let right = 0;
  for (const q of questions) {
    total += q.weight;
    if (answers[q.id] && judge(q, answers[q.id])) right += q.weight;
  }
  return total === 0 ? null : Math.floor((right * 100 + Math.floor(total / 2)) / total);
}

/** {question id: the latest sub} from a list of submissions in order. */
export function latestAnswers(submitted) {
  return Object.fromEntries(submitted.map((s) => [s.id, s]));
}

/**
 * What the course must report after `submitted` (every submission in
 * order), by the rules of docs/course-format.md ("När är kursen klar?",
 * "Så rapporteras kursen"): {percent (null until every scored question is
 * settled), success: passed|failed|unknown, completion:
 * completed|incomplete, status12, canRetry, finished (normal exit)}.
 * `allPagesSeen`: every page shown; `retries`/`best`: quiz attempts started
 * over and the best finished attempt's percentage.
 */
export function expectedOutcome(course, submitted, { allPagesSeen, retries = 0, best = null } = {}) {
  const answers = latestAnswers(submitted);
  const tries = {};
  for (const s of submitted) tries[s.id] = (tries[s.id] || 0) + 1;
  const scored = scoredQuestions(course);
  const settled = (q) => {
    const a = answers[q.id];
    return a !== undefined && (judge(q, a) || q.attempts === 0 || tries[q.id] >= q.attempts);
  };
  const finishedAttempt = scored.every(settled);
  const current = finishedAttempt ? percentOf(scored, answers) : null;
  let percent = current;
  if (course.quiz_best && best !== null) percent = current === null ? best : Math.max(current, best);
  const success = percent === null ? "unknown" : percent >= course.mastery_score ? "passed" : "failed";
  const holds = {
    pages: Boolean(allPagesSeen),
    questions: (course.questions || []).filter((q) => q.required).every((q) => answers[q.id] !== undefined),
    quiz: success === "passed" || scored.length === 0,
  };
  const completion = course.completion.every((r) => holds[r]) ? "completed" : "incomplete";
  let status12;
  if (course.status12 === "passed-failed" && completion === "completed" && success === "passed") status12 = "passed";
  else if (course.status12 === "passed-failed" && success === "failed") status12 = "failed";
  else status12 = completion;
  const canRetry = success === "failed" && retries < course.quiz_retries && finishedAttempt;
  const finished = completion === "completed" && (scored.length === 0 || success !== "unknown") && !canRetry;
  return { percent, success, completion, status12, canRetry, finished };
}
