var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// reports/suppression.ts
var DEFAULT_THRESHOLD = 11;
function publishCount(count, threshold = DEFAULT_THRESHOLD) {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
  if (count > 0 && count < threshold) return { value: null, text: `<${threshold}`, suppressed: true };
  return { value: count, text: String(count), suppressed: false };
}
function publishStatistic(value, episodes, threshold = DEFAULT_THRESHOLD) {
  return episodes >= threshold ? value : null;
}
function publishShare(events, total, threshold = DEFAULT_THRESHOLD) {
  if (total < threshold) return null;
  const small = (k) => k > 0 && k < threshold;
  return small(events) || small(total - events) ? null : events / total;
}
function shareText(events, total, threshold = DEFAULT_THRESHOLD) {
  const share = publishShare(events, total, threshold);
  if (share !== null) return `${(100 * share).toFixed(0)} %`;
  if (total < threshold) return "\u2014";
  const bound = 100 * threshold / total;
  return events < threshold ? `< ${Math.ceil(bound)} %` : `> ${Math.floor(100 - bound)} %`;
}
var COUNT_COLUMN = /^(n|n_[a-z_]+|[a-z_]+_n|events|censored|count|episodes|admissions|discharges|completed|measured|answered)$/i;
function unsuppressedCells(columns, rows, threshold = DEFAULT_THRESHOLD) {
  const small = (x) => {
    const n = typeof x === "string" && /^\d+$/.test(x) ? Number(x) : x;
    return typeof n === "number" && Number.isInteger(n) && n > 0 && n < threshold;
  };
  return columns.filter((c, j) => COUNT_COLUMN.test(c) && rows.some((r) => small(r[j])));
}
function weeklySurvival(steps, every = 7) {
  const out = [];
  for (const label of [...new Set(steps.map((s) => s.label))]) {
    const curve = steps.filter((s) => s.label === label).sort((a, b) => a.day - b.day);
    const last = curve.at(-1).day;
    for (let day = 0; day <= last + every - 1; day += every) {
      const at = [...curve].reverse().find((s) => s.day <= Math.min(day, last));
      if (at) out.push({ ...at, day: Math.min(day, last) });
    }
  }
  return out;
}

export {
  __export,
  DEFAULT_THRESHOLD,
  publishCount,
  publishStatistic,
  publishShare,
  shareText,
  unsuppressedCells,
  weeklySurvival
};
