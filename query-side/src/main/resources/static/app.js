// casetrack pages: plain JavaScript over the query API (no build step, nothing from outside this server).
"use strict";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LANES = {
  STATE_TRIAL: "State court", STATE_APPELLATE: "State appeals court", STATE_SUPREME: "State supreme court",
  FEDERAL_DISTRICT: "Federal district court", FEDERAL_CIRCUIT: "Federal circuit court", SUPREME_COURT: "U.S. Supreme Court"
};
const STAGES = ["INVESTIGATION", "CHARGED", "REMOVAL_PENDING", "FEDERAL_COURT", "REMANDED", "IMMUNITY_PENDING",
  "IMMUNITY_GRANTED", "IMMUNITY_DENIED", "ON_APPEAL", "AT_TRIAL", "VERDICT", "DISMISSED", "CLOSED"];

const $ = (sel, root = document) => root.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(url + ": HTTP " + r.status);
  return r.json();
}
/** "12 Jan 1998", "Aug 1997", "1904": never more precise than the record. */
function dateInWords(d) {
  if (!d) return "";
  const [y, m, day] = String(d).split("-");
  if (day) return Number(day) + " " + MONTHS[Number(m) - 1] + " " + y;
  if (m) return MONTHS[Number(m) - 1] + " " + y;
  return y;
}
/** Past these stages a removal notice can no longer matter: the window closed, it is not "overdue". */
const PAST_REMOVAL = ["AT_TRIAL", "VERDICT", "DISMISSED", "CLOSED"];
function removalDeadlineNote(deadline, overdue, stage) {
  if (overdue && PAST_REMOVAL.includes(stage))
    return el("span", { class: "muted" }, "removal window closed " + dateInWords(deadline) + " without a notice");
  return el("span", { class: overdue ? "overdue" : "" }, (overdue ? "Overdue: " : "") + "removal deadline " + dateInWords(deadline)
    + " (" + relative(deadline) + ")");
}
function label(name) { return name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/Id$/, "id").replace(/\bId\b/, "id").toLowerCase(); }
function words(constant) { return constant ? constant.toLowerCase().replace(/_/g, " ") : ""; }
function stageBadge(stage) { return el("span", { class: "badge stage-" + (stage || "").toLowerCase() }, words(stage)); }
function daysFromToday(iso) { return Math.round((new Date(iso + "T00:00:00Z") - new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z")) / 86400000); }
function relative(iso) {
  const n = daysFromToday(iso);
  return n === 0 ? "today" : n > 0 ? "in " + n + " day" + (n === 1 ? "" : "s") : Math.abs(n) + " day" + (n === -1 ? "" : "s") + " ago";
}

/** Live updates: one EventSource; pages register what to redraw. */
function live(onChange) {
  const badge = $("#live");
  const source = new EventSource("/api/stream");
  source.addEventListener("ready", () => { badge.classList.add("on"); badge.title = "live: updates as steps are recorded"; });
  source.addEventListener("case-changed", e => onChange(JSON.parse(e.data)));
  source.onerror = () => { badge.classList.remove("on"); badge.title = "reconnecting…"; };
  return source;
}
function debounce(f, ms) { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => f(...a), ms); }; }

// ---- case list ------------------------------------------------------------------------------
async function listPage() {
  const form = $("#filters");
  const stageSelect = form.elements.stage;
  STAGES.forEach(s => stageSelect.append(el("option", { value: s }, words(s))));
  const params = new URLSearchParams(location.search);
  for (const name of ["text", "stage", "state", "agency", "status"]) if (params.get(name)) form.elements[name].value = params.get(name);
  let sort = params.get("sort") || "-lastStep";

  async function draw() {
    const q = new URLSearchParams();
    for (const name of ["text", "stage", "state", "agency", "status"]) if (form.elements[name].value) q.set(name, form.elements[name].value);
    q.set("sort", sort); q.set("size", "100");
    history.replaceState(null, "", "/?" + q);
    const [page, dash] = await Promise.all([getJson("/api/cases?" + q), getJson("/api/dashboard")]);
    const nextHearing = {};
    for (const c of dash.upcoming) if (!nextHearing[c.caseId]) nextHearing[c.caseId] = c;
    $("#count").textContent = page.total + (page.total === 1 ? " case" : " cases");
    const body = $("#cases tbody");
    body.replaceChildren(...page.items.map(c => {
      const next = nextCell(c, nextHearing[c.caseId]);
      return el("tr", { "data-case": c.caseId },
        el("td", {}, el("a", { href: "/cases/" + encodeURIComponent(c.caseId) }, c.title), c.open ? "" : el("span", { class: "muted" }, " (closed)")),
        el("td", {}, c.state), el("td", {}, c.agency), el("td", {}, stageBadge(c.stage)),
        el("td", {}, c.lastStep ? [el("span", { class: "date" }, dateInWords(c.lastStep.occurredOn)), " ", c.lastStep.summary] : ""),
        el("td", {}, next));
    }));
    if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No case matches.")));
    document.querySelectorAll("th button").forEach(b => {
      b.classList.toggle("sorted", sort.replace("-", "") === b.dataset.sort);
      b.setAttribute("aria-sort", sort === b.dataset.sort ? "ascending" : sort === "-" + b.dataset.sort ? "descending" : "none");
    });
  }
  function nextCell(c, hearing) {
    const items = [];
    if (c.removalDeadline) items.push(el("div", {}, removalDeadlineNote(c.removalDeadline, c.removalOverdue, c.stage)));
    if (hearing) items.push(el("div", {}, (hearing.description || words(hearing.kind)) + ", " + dateInWords(hearing.dueOn) + " (" + relative(hearing.dueOn) + ")"));
    return items.length ? items : el("span", { class: "muted" }, "—");
  }
  form.addEventListener("submit", e => { e.preventDefault(); draw(); });
  document.querySelectorAll("th button").forEach(b => b.addEventListener("click", () => {
    sort = sort === b.dataset.sort ? "-" + b.dataset.sort : b.dataset.sort; draw();
  }));
  await draw();
  live(debounce(draw, 300));
}

// ---- case page ------------------------------------------------------------------------------
async function casePage() {
  const caseId = decodeURIComponent(location.pathname.split("/").pop());
  async function draw() {
    let summary, timeline, lanes;
    try {
      [summary, timeline, lanes] = await Promise.all([getJson("/api/cases/" + caseId), getJson("/api/cases/" + caseId + "/export.json"),
        getJson("/api/cases/" + caseId + "/lanes")]);
    } catch (e) {
      $("#title").textContent = "No case “" + caseId + "” in the record"; return;
    }
    document.title = summary.title + " — casetrack";
    drawHeader(summary);
    drawTimeline(timeline.steps, lanes);
    drawUpcoming(summary);
    drawExports(caseId);
    document.body.dataset.version = summary.version;
  }
  function drawHeader(s) {
    const court = s.currentCourt ? s.currentCourt.name + (s.currentCourt.docket ? ", docket " + s.currentCourt.docket : "") : "no court yet";
    const defendants = s.defendants.map(d => d.name + (d.role || d.agency ? " (" + [d.role, d.agency].filter(Boolean).join(", ") + ")" : ""));
    $("#header").replaceChildren(
      el("h1", { id: "title" }, s.title),
      el("p", { class: "stage-line" }, stageBadge(s.stage), " ", s.open ? "open" : (s.stage === "CLOSED" ? "" : "closed") + (s.outcome ? " outcome: " + words(s.outcome) : "")),
      el("dl", { class: "facts" },
        el("dt", {}, "Defendants"), el("dd", {}, defendants.join("; ")),
        el("dt", {}, "Victims"), el("dd", {}, (s.victims || []).join("; ") || "—"),
        el("dt", {}, "Agency"), el("dd", {}, s.agency + ", " + s.state),
        el("dt", {}, "Prosecution"), el("dd", {}, [s.prosecutingOffice, s.prosecutor].filter(Boolean).join(": ") || "—"),
        el("dt", {}, "Court now"), el("dd", {}, court),
        el("dt", {}, "Incident"), el("dd", {}, dateInWords(s.incidentOn) + (s.place ? ", " + s.place : "") + ". " + (s.incident || ""))));
  }
  let seen = null; // event ids already shown: a step that arrives live is highlighted
  function drawTimeline(steps, lanes) {
    const fresh = id => seen !== null && !seen.has(id);
    const shown = new Set(steps.map(s => s.eventId));
    $("#timeline").replaceChildren(...steps.map(step => {
      const lane = lanes[step.eventId];
      const sources = (step.sources || []).map((src, i) => el("a", { href: src.url, rel: "noopener noreferrer", target: "_blank" },
        src.publisher || src.title || new URL(src.url).hostname));
      const marks = [];
      if (step.corrected) marks.push(el("details", { class: "correction" },
        el("summary", {}, "corrected"),
        el("p", {}, "Why: " + (step.correction.reason || "")),
        step.correction.originalOccurredOn ? el("p", {}, "First recorded as: " + dateInWords(step.correction.originalOccurredOn)) : "",
        step.correction.originalNote ? el("p", {}, "Original note: " + step.correction.originalNote) : "",
        step.correction.originalSources ? el("p", {}, "Original sources: ", ...step.correction.originalSources.map(s => el("a", { href: s.url }, s.publisher || s.url))) : ""));
      if (step.retracted) marks.push(el("span", { class: "retracted-mark" }, "retracted: " + (step.retraction.reason || "")));
      return el("li", { id: "step-" + step.eventId, class: "step lane-" + (lane || "none").toLowerCase() + (step.retracted ? " retracted" : "")
        + (fresh(step.eventId) ? " fresh" : ""), "data-type": step.type },
        el("div", { class: "when" }, el("span", { class: "date", title: "known to the " + step.precision.toLowerCase() }, dateInWords(step.occurredOn)),
          step.precision !== "DAY" ? el("span", { class: "precision" }, step.precision === "MONTH" ? "day unknown" : "month unknown") : ""),
        el("div", { class: "what" },
          lane ? el("span", { class: "lane" }, LANES[lane] || words(lane)) : el("span", { class: "lane outside" }, "outside court"),
          el("p", { class: "summary" }, step.summary),
          step.note ? el("p", { class: "note" }, step.note) : "",
          step.dateConflict ? el("p", { class: "conflict" }, "Sources differ on the date: " + step.dateConflict) : "",
          marks,
          el("p", { class: "sources" }, sources.length ? "Sources: " : "", ...sources.flatMap((a, i) => i ? [", ", a] : [a]))));
    }));
    seen = shown;
    if (location.hash) { const target = document.getElementById(location.hash.slice(1)); if (target) target.classList.add("target"); }
  }
  function drawUpcoming(s) {
    const upcoming = s.hearings.filter(h => h.status === "SCHEDULED" && h.scheduledFor)
      .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))
      .map(h => el("li", { class: daysFromToday(h.scheduledFor) < 0 ? "overdue" : "" }, el("strong", {}, dateInWords(h.scheduledFor)),
        " " + words(h.kind) + " hearing" + (h.court ? ", " + h.court : "") + " (" + relative(h.scheduledFor) + ")"));
    $("#upcoming").replaceChildren(...(upcoming.length ? upcoming : [el("li", { class: "muted" }, "Nothing scheduled.")]));
    const deadlines = s.defendants.filter(d => d.removalDeadline).map(d => {
      const closed = d.removalOverdue && PAST_REMOVAL.includes(s.stage);
      return el("li", { class: d.removalOverdue && !closed ? "overdue" : "" },
        d.removalOverdue && !closed ? el("strong", {}, "Overdue: ") : "",
        (closed ? "No removal notice for " + d.name + "; the window closed " : "Removal notice for " + d.name + " due ")
        + dateInWords(d.removalDeadline) + " (30 days after arraignment, 28 U.S.C. §1455(b)(1); " + relative(d.removalDeadline) + ")");
    });
    const flags = (s.flags || []).map(f => el("li", { class: "flag" }, "Flagged: " + words(f.flag) + " (" + dateInWords(f.occurredOn) + ")"));
    const all = deadlines.concat(flags);
    $("#deadlines").replaceChildren(...(all.length ? all : [el("li", { class: "muted" }, "No deadline running.")]));
  }
  function drawExports(id) {
    const base = "/api/cases/" + encodeURIComponent(id);
    $("#exports").replaceChildren(
      el("li", {}, el("a", { href: base + "/export.csv", id: "export-csv" }, "Timeline as CSV")),
      el("li", {}, el("a", { href: base + "/export.json", id: "export-json" }, "Timeline as JSON")),
      el("li", {}, el("a", { href: base + "/export.md", id: "export-md" }, "Timeline as Markdown (sources as footnotes)")),
      el("li", {}, el("a", { href: "/feeds/cases/" + encodeURIComponent(id) + ".atom", id: "feed" }, "Atom feed of new steps")),
      el("li", {}, el("a", { href: "/editor?case=" + encodeURIComponent(id) }, "Record a step in this case")));
  }
  await draw();
  live(change => { if (change.caseId === caseId) draw(); });
}

// ---- dashboard ------------------------------------------------------------------------------
function barChart(counts, label = words) {
  const entries = Object.entries(counts || {});
  if (!entries.length) return el("p", { class: "muted" }, "Nothing yet.");
  const max = Math.max(...entries.map(e => e[1]));
  const row = 24, labelWidth = 170, width = 460;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${entries.length * row + 4}`, role: "img", class: "chart",
    "aria-label": entries.map(([k, v]) => label(k) + ": " + v).join(", ") });
  entries.forEach(([k, v], i) => {
    const y = i * row + 2, w = Math.max(2, (width - labelWidth - 40) * v / max);
    svg.append(svgEl("text", { x: labelWidth - 6, y: y + 15, "text-anchor": "end", class: "label" }, label(k)));
    svg.append(svgEl("rect", { x: labelWidth, y: y + 3, width: w, height: row - 8, class: "bar" }));
    svg.append(svgEl("text", { x: labelWidth + w + 5, y: y + 15, class: "value" }, String(v)));
  });
  return svg;
}
function svgEl(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}
const SPANS = { chargeToRemovalNotice: "charge → removal notice", removalNoticeToImmunityRuling: "removal notice → immunity ruling",
  immunityRulingToAppealDecision: "immunity ruling → appeal decision" };
function durationChart(durations) {
  if (!durations.length) return el("p", { class: "muted" }, "No case has both steps dated to the month yet.");
  const max = Math.max(...durations.map(d => d.max)), row = 34, labelWidth = 230, width = 520, scale = (width - labelWidth - 60) / max;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${durations.length * row + 4}`, role: "img", class: "chart" });
  durations.forEach((d, i) => {
    const y = i * row + 2;
    svg.append(svgEl("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end", class: "label" }, SPANS[d.span] || d.span));
    svg.append(svgEl("text", { x: labelWidth - 6, y: y + 27, "text-anchor": "end", class: "small" }, d.cases + (d.cases === 1 ? " case" : " cases")));
    svg.append(svgEl("line", { x1: labelWidth + d.min * scale, x2: labelWidth + d.max * scale, y1: y + 12, y2: y + 12, class: "whisker" }));
    svg.append(svgEl("rect", { x: labelWidth + d.p25 * scale, y: y + 4, width: Math.max(2, (d.p75 - d.p25) * scale), height: 16, class: "bar" }));
    svg.append(svgEl("line", { x1: labelWidth + d.median * scale, x2: labelWidth + d.median * scale, y1: y + 1, y2: y + 23, class: "median" }));
    svg.append(svgEl("text", { x: labelWidth + d.max * scale + 5, y: y + 16, class: "value" }, Math.round(d.median) + " d"));
  });
  return svg;
}
function calendarChart(entries) {
  const days = 90, width = 1000, left = 12, scale = (width - 2 * left) / days;
  const soon = entries.filter(e => daysFromToday(e.dueOn) <= days);
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${56 + soon.length * 20}`, role: "img", class: "chart calendar",
    "aria-label": soon.map(e => e.title + ": " + e.description + " on " + e.dueOn).join("; ") || "nothing in the next 90 days" });
  svg.append(svgEl("line", { x1: left, x2: width - left, y1: 28, y2: 28, class: "axis" }));
  for (let d = 0; d <= days; d += 30) {
    svg.append(svgEl("line", { x1: left + d * scale, x2: left + d * scale, y1: 23, y2: 33, class: "axis" }));
    svg.append(svgEl("text", { x: left + d * scale, y: 16, "text-anchor": d === 0 ? "start" : d === days ? "end" : "middle", class: "small" },
      d === 0 ? "today" : "in " + d + " days"));
  }
  soon.forEach((e, i) => {
    const x = left + Math.max(0, daysFromToday(e.dueOn)) * scale, y = 50 + i * 20, right = x > width / 2;
    svg.append(svgEl("circle", { cx: x, cy: 28, r: 6, class: "dot" }));
    svg.append(svgEl("line", { x1: x, x2: x, y1: 34, y2: y - 4, class: "axis" }));
    svg.append(svgEl("text", { x: right ? x - 6 : x + 6, y, "text-anchor": right ? "end" : "start", class: "label" },
      dateInWords(e.dueOn) + " · " + e.title + " · " + e.description));
  });
  if (!soon.length) svg.append(svgEl("text", { x: left, y: 50, class: "small" }, "Nothing due in the next 90 days."));
  return svg;
}
async function dashboardPage() {
  async function draw() {
    const d = await getJson("/api/dashboard");
    $("#total").textContent = d.cases + " cases in the record, as of " + dateInWords(d.today) + ".";
    for (const key of ["byStage", "byState", "byAgency", "immunityRulings", "appealOutcomes"])
      $("#" + key).replaceChildren(barChart(d[key], key === "byState" || key === "byAgency" ? (k => k) : words));
    $("#durations").replaceChildren(durationChart(d.durations));
    $("#calendar").replaceChildren(calendarChart(d.upcoming));
    const stages = {};
    (await getJson("/api/cases?size=200")).items.forEach(c => { stages[c.caseId] = c.stage; });
    const overdue = d.overdue.filter(e => !(e.kind === "REMOVAL_DEADLINE" && PAST_REMOVAL.includes(stages[e.caseId])));
    $("#overdue").replaceChildren(...(overdue.length ? overdue.map(e => el("li", { class: "overdue" },
      el("a", { href: "/cases/" + encodeURIComponent(e.caseId) }, e.title), ": " + e.description + ", due " + dateInWords(e.dueOn)
      + " (" + relative(e.dueOn) + ")")) : [el("li", { class: "muted" }, "Nothing overdue.")]));
  }
  await draw();
  live(debounce(draw, 300));
}

// ---- editor ---------------------------------------------------------------------------------
async function editorPage() {
  $("#live").hidden = true;
  const setup = await getJson("/api/web/editor");
  const commandUrl = setup.commandUrl || location.protocol + "//" + location.hostname + ":" + setup.commandPort;
  const tokenInput = $("#token"), state = $("#tokenState");
  const showToken = () => { state.textContent = sessionStorage.getItem("casetrack.editorToken") ? "a token is set for this tab" : "no token yet"; };
  $("#saveToken").addEventListener("click", () => { sessionStorage.setItem("casetrack.editorToken", tokenInput.value.trim()); tokenInput.value = ""; showToken(); });
  showToken();

  const commandSelect = $("#command"), caseSelect = $("#caseId");
  setup.commands.forEach(c => { const words = label(c.command); commandSelect.append(el("option", { value: c.command, title: c.command }, words[0].toUpperCase() + words.slice(1))); });
  const cases = await getJson("/api/cases?size=200&sort=title");
  cases.items.forEach(c => caseSelect.append(el("option", { value: c.caseId }, c.title)));
  const params = new URLSearchParams(location.search);
  if (params.get("case")) caseSelect.value = params.get("case");
  commandSelect.value = params.get("command") || (params.get("case") ? "FileStateCharge" : "OpenCase");

  function drawForm() {
    const form = setup.commands.find(c => c.command === commandSelect.value);
    $("#caseChoice").hidden = form.command === "OpenCase";
    $("#result").replaceChildren();
    const fields = form.fields.map(f => {
      const id = "f-" + f.name;
      let input;
      if (f.kind === "enum") input = el("select", { id, name: f.name }, el("option", { value: "" }, "—"), f.values.map(v => el("option", { value: v }, words(v))));
      else if (f.kind === "boolean") input = el("input", { id, name: f.name, type: "checkbox" });
      else if (f.kind === "json") input = el("textarea", { id, name: f.name, rows: 4, "data-json": "true" }, f.name === "sources" ? JSON.stringify([{ url: "https://", publisher: "" }], null, 1) : JSON.stringify(f.example, null, 1));
      else if (f.kind === "textList") input = el("input", { id, name: f.name, "data-list": "true", placeholder: "comma-separated" });
      else if (f.kind === "date") input = el("input", { id, name: f.name, type: "date" });
      else if (f.kind === "number") input = el("input", { id, name: f.name, type: "number" });
      else if (f.kind === "partialDate") input = el("input", { id, name: f.name, placeholder: "YYYY-MM-DD, YYYY-MM or YYYY", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" });
      else input = (f.name === "incident" || f.name === "note" || f.name === "reason" || f.name === "quote")
        ? el("textarea", { id, name: f.name, rows: 2 }) : el("input", { id, name: f.name });
      input.dataset.kind = f.kind;
      return el("div", { class: "field", "data-field": f.name }, el("label", { for: id, title: f.name }, label(f.name), f.required ? el("span", { class: "req", title: "required" }, " *") : ""),
        input, el("div", { class: "field-error", id: "err-" + f.name }));
    });
    $("#stepForm").replaceChildren(...fields, el("button", { type: "submit", id: "record" }, form.command === "OpenCase" ? "Open the case" : "Record the step"));
  }
  function body() {
    const out = {};
    for (const input of $("#stepForm").querySelectorAll("[name]")) {
      const v = input.type === "checkbox" ? input.checked : input.value.trim();
      if (v === "" || v == null) continue;
      if (input.dataset.json) {
        try { out[input.name] = JSON.parse(v); } catch (e) { throw { field: input.name, message: "is not valid JSON: " + e.message }; }
      } else if (input.dataset.list) out[input.name] = v.split(",").map(s => s.trim()).filter(Boolean);
      else if (input.dataset.kind === "number") out[input.name] = Number(v);
      else out[input.name] = v;
    }
    return out;
  }
  function showErrors(problem) {
    document.querySelectorAll(".field-error").forEach(e => e.textContent = "");
    document.querySelectorAll(".field.invalid").forEach(e => e.classList.remove("invalid"));
    const unplaced = [];
    for (const error of problem.errors || []) {
      const top = String(error.field).split(/[.\[]/)[0];
      const slot = document.getElementById("err-" + top);
      if (slot) { slot.textContent += (slot.textContent ? "; " : "") + (error.field !== top ? error.field + " " : "") + error.message; slot.parentElement.classList.add("invalid"); }
      else unplaced.push(error.field + ": " + error.message);
    }
    $("#result").replaceChildren(el("div", { class: "problem", role: "alert" },
      el("strong", {}, problem.title || "Refused"), " ", problem.detail || "",
      problem.rule ? el("p", { class: "rule" }, "Rule: " + problem.rule) : "",
      unplaced.length ? el("ul", {}, unplaced.map(u => el("li", {}, u))) : ""));
  }
  $("#stepForm").addEventListener("submit", async e => {
    e.preventDefault();
    const token = sessionStorage.getItem("casetrack.editorToken");
    if (!token) { showErrors({ title: "No token", detail: "Enter the editor token above first." }); return; }
    let fields;
    try { fields = body(); } catch (problem) { showErrors({ title: "Check the form", detail: "", errors: [problem] }); return; }
    const command = commandSelect.value;
    const url = command === "OpenCase" ? commandUrl + "/api/cases" : commandUrl + "/api/cases/" + encodeURIComponent(caseSelect.value) + "/commands/" + command;
    let response;
    try {
      response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", Authorization: "Bearer " + token }, body: JSON.stringify(fields) });
    } catch (err) { showErrors({ title: "The command side did not answer", detail: "Is it running at " + commandUrl + "? (" + err.message + ")" }); return; }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) { showErrors(answer); return; }
    document.querySelectorAll(".field-error").forEach(x => x.textContent = "");
    const caseId = answer.caseId;
    $("#result").replaceChildren(el("div", { class: "recorded" }, "Recorded: ", el("a", { href: "/cases/" + encodeURIComponent(caseId), id: "recorded-link" },
      "see the case"), " (version " + answer.version + ")."));
  });
  commandSelect.addEventListener("change", drawForm);
  drawForm();
}

const pages = { list: listPage, case: casePage, dashboard: dashboardPage, editor: editorPage };
const start = pages[document.body.dataset.page];
if (start) start().catch(e => { const main = $("main"); main.prepend(el("p", { class: "problem" }, "Could not load this page: " + e.message)); });
