// The player's saved-state formats, re-implemented for assertions: the
// four-character keys of page and question ids, the compact suspend data
// (`1~<page key>~<visited keys>~<answers>`) and the one-line text strict LMSs
// get. These mirror player/src/core/suspend.rs and cmi.rs on purpose: if the
// player changes its format, these tests must be changed with it.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The four-character key of an id (24 bits of its FNV-1a hash over UTF-8). */
export function suspendKey(id) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(id, "utf8")) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = "";
  for (let i = 0; i < 4; i++) out += ALPHABET[(h >>> (6 * i)) & 63];
  return out;
}

function unescapeText(t) {
  return t.replaceAll("%2C", ",").replaceAll("%7E", "~").replaceAll("%25", "%");
}

/**
 * Decodes suspend data against a course (the JSON embedded in the package):
 * {current: page id | null, visited: [page ids in the saved order],
 *  answers: {question id: string[] | string}, tries: {question id: n},
 *  quiz: "<retries>.<best>" | null, unknownPages: [keys], unknownAnswers: [keys]}.
 * Returns null if it is not version-1 data.
 */
export function decodeSuspend(course, data) {
  if (typeof data !== "string") return null;
  const fields = data.split("~");
  if (fields[0] !== "1" || fields.length < 4) return null;
  const pageByKey = new Map(course.pages.map((p) => [suspendKey(p.id), p.id]));
  const questionByKey = new Map((course.questions || []).map((q) => [suspendKey(q.id), q.id]));
  const unknownPages = [];
  const page = (k) => {
    if (pageByKey.has(k)) return pageByKey.get(k);
    unknownPages.push(k);
    return null;
  };
  const visitedField = fields[2];
  const visited = [];
  for (let i = 0; i + 4 <= visitedField.length; i += 4) {
    const id = page(visitedField.slice(i, i + 4));
    if (id) visited.push(id);
  }
  const answers = {};
  const unknownAnswers = [];
  for (const entry of fields[3].split(",")) {
    if (entry.length < 5) continue;
    const k = entry.slice(0, 4);
    const kind = entry[4];
    const payload = entry.slice(5);
    const id = questionByKey.get(k);
    if (!id) {
      unknownAnswers.push(k);
      continue;
    }
    answers[id] = kind === "c" ? payload.split(".") : kind === "t" ? unescapeText(payload) : { kind, payload };
  }
  // Optional trailing fields (later players): tries per question, quiz attempts.
  const tries = {};
  for (const entry of (fields[4] || "").split(",")) {
    const id = questionByKey.get(entry.slice(0, 4));
    if (id && /^\d+$/.test(entry.slice(4))) tries[id] = Number(entry.slice(4));
  }
  return { current: fields[1] ? page(fields[1]) : null, visited, answers, tries, quiz: fields[5] ?? null, unknownPages, unknownAnswers };
}

/**
 * Text as the player hands it to an LMS: one line (" / " between non-empty
 * lines), no leading "{", no "[,]", at most `limit` characters. Returns
 * [text, cut].
 */
export function lmsText(text, limit) {
  let flat = text
    .split(/[\n\r]/)
    .filter((l) => l.trim() !== "")
    .join(" / ")
    .replaceAll("[,]", ", ");
  if (flat.startsWith("{")) flat = ` ${flat}`;
  const chars = Array.from(flat);
  const cut = chars.length > limit;
  return [cut ? chars.slice(0, limit).join("") : flat, cut];
}
