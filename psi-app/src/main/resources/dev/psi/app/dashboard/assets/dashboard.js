// Psi dashboard: fills the pages from the JSON API and keeps them current by polling (every second; the
// timeline and trial pages every two). Every value from the store goes onto the page as text (textContent),
// never as markup; the one exception is a finished study's report sections, which are the report's own
// escaped HTML (and the content security policy forbids inline scripts in any case).
"use strict";

const POLL_MS = 1000;
const SLOW_POLL_MS = 2000;
const COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#1b9e77", "#d95f02"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key === "href") node.setAttribute("href", value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child == null ? "" : String(child)));
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, {cache: "no-store"});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function every(ms, task) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
      document.body.dataset.error = "";
    } catch (e) {
      document.body.dataset.error = String(e.message || e);
    } finally {
      running = false;
    }
  };
  tick();
  return setInterval(tick, ms);
}

function duration(seconds) {
  if (seconds == null) return "–";
  const s = Math.round(seconds);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

function num(value, digits) {
  return value == null ? "–" : Number(value).toFixed(digits);
}

// A tick or hover value in at most 4 significant digits; very large or small ones in exponent form.
function compact(v) {
  if (v == null) return "";
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

function studyUrl(name) {
  return "/studies/" + encodeURIComponent(name);
}

function progressText(study) {
  const p = study.progress;
  const unit = study.jobs.queued + study.jobs.claimed + study.jobs.done + study.jobs.failed > 0 ? "jobs" : "trials";
  return p.jobs_done + " / " + p.jobs_total + " " + unit;
}

// ---- Studies ----

function studiesPage() {
  const body = document.querySelector("#studies tbody");
  every(POLL_MS, async () => {
    const data = await getJson("/api/studies");
    body.replaceChildren(...data.studies.map(study => el("tr", {"data-study": study.name},
      el("td", {}, el("a", {href: studyUrl(study.name)}, study.name)),
      el("td", {}, study.preset || "–"),
      el("td", {class: "state " + study.state}, study.state),
      el("td", {class: "progress"}, progressText(study)),
      el("td", {}, study.progress.epochs_done + " / " + study.progress.epoch_budget),
      el("td", {}, duration(study.elapsed_seconds)),
      el("td", {}, duration(study.eta_seconds)),
      el("td", {class: "verdict-cell"}, study.verdict || ""))));
  });
}

// ---- Charts (uPlot) ----

// Series of [x, y] points per trial, joined on a common x axis as uPlot wants; gaps stay gaps.
function joined(series) {
  const tables = series.map(s => [s.points.map(p => p[0]), s.points.map(p => p[1])]);
  if (tables.length === 0) return [[]];
  return uPlot.join(tables);
}

class Chart {
  constructor(container, yLabel) {
    this.container = container;
    this.yLabel = yLabel;
    this.plot = null;
    this.key = "";
    // Drag zooms (uPlot's own); a zoomed chart keeps its view while new points arrive, a double click resets it.
    this.zoomed = false;
    container.addEventListener("dblclick", () => { this.zoomed = false; });
  }

  // series: [{label, points: [[x, y], ...]}]; logX/logY: log-scale axes.
  draw(series, logX, logY) {
    const points = series.reduce((n, s) => n + s.points.filter(p => p[1] != null).length, 0);
    this.container.dataset.points = String(points);
    const usable = series.map(s => ({label: s.label,
      points: s.points.filter(p => p[1] != null && (!logY || p[1] > 0) && (!logX || p[0] > 0))}));
    const data = joined(usable);
    const key = JSON.stringify([usable.map(s => s.label), logX, logY]);
    if (this.plot && key === this.key) {
      this.plot.setData(data, !this.zoomed);
      return;
    }
    if (this.plot) this.plot.destroy();
    this.key = key;
    const width = Math.max(320, this.container.clientWidth || 800);
    this.plot = new uPlot({
      width: width,
      height: 260,
      scales: {x: {time: false, distr: logX ? 3 : 1}, y: {distr: logY ? 3 : 1}},
      axes: [{label: "steps"}, {label: this.yLabel, size: 70, values: (u, ticks) => ticks.map(compact)}],
      cursor: {drag: {x: true, y: true, uni: 20}},
      hooks: {setSelect: [u => { if (u.select.width > 0) this.zoomed = true; }]},
      series: [{label: "steps"}].concat(usable.map((s, k) => ({
        label: s.label, stroke: COLORS[k % COLORS.length], width: 1.5, spanGaps: true,
        points: {show: true, size: 4}, value: (u, v) => v == null ? "–" : compact(v)}))),
    }, data, this.container);
  }
}

// ---- Study ----

function studyPage() {
  const name = document.body.dataset.study;
  const api = "/api/studies/" + encodeURIComponent(name);
  const taskFilter = document.getElementById("task-filter");
  const methodFilter = document.getElementById("method-filter");
  const logX = document.getElementById("log-x");
  const logY = document.getElementById("log-y");
  const logLr = document.getElementById("log-lr");
  const metricChart = new Chart(document.getElementById("curve-metric"), "validation metric");
  const lrChart = new Chart(document.getElementById("curve-lr"), "α");
  let offset = 0;
  const limit = 25;
  const selected = new Set();
  let reportShown = false;
  // A loss spans decades, and one diverging trial flattens every other curve on a linear axis: log by default.
  let logChosen = false;
  logY.addEventListener("change", () => { logChosen = true; });

  function fillSelect(select, values) {
    const known = Array.from(select.options).map(o => o.value);
    for (const value of values) {
      if (!known.includes(value)) select.append(el("option", {value: value}, value));
    }
  }

  function filters() {
    const params = new URLSearchParams();
    if (taskFilter.value) params.set("task", taskFilter.value);
    if (methodFilter.value) params.set("controller", methodFilter.value);
    return params;
  }

  async function summary() {
    const study = await getJson(api);
    const state = document.getElementById("state");
    state.textContent = study.state;
    state.className = "state " + study.state;
    const progress = document.getElementById("progress");
    progress.textContent = progressText(study) + " · epochs " + study.progress.epochs_done + " / "
      + study.progress.epoch_budget + " · elapsed " + duration(study.elapsed_seconds) + " · ETA "
      + duration(study.eta_seconds) + (study.preset ? " · preset " + study.preset : "");
    progress.dataset.jobsDone = String(study.progress.jobs_done);
    progress.dataset.epochsDone = String(study.progress.epochs_done);
    const total = Math.max(1, study.progress.jobs_total);
    document.getElementById("progress-bar").style.width = (100 * study.progress.jobs_done / total) + "%";
    const verdict = document.getElementById("verdict");
    verdict.hidden = !study.verdict;
    verdict.textContent = study.verdict || "";
    const workers = document.querySelector("#workers tbody");
    workers.replaceChildren(...Object.entries(study.workers).map(([worker, counts]) => el("tr", {},
      el("td", {}, worker), el("td", {}, counts.queued || 0), el("td", {}, counts.claimed || 0),
      el("td", {}, counts.done || 0), el("td", {}, counts.failed || 0))));
    if (study.report && !reportShown) {
      reportShown = true;
      showReport(await getJson(api + "/report"));
    }
  }

  function showReport(report) {
    const section = document.getElementById("report");
    section.hidden = false;
    section.replaceChildren(el("h2", {}, "Results"),
      el("p", {class: "note"}, "From the study's report, " + report.folder + "/index.html"));
    for (const part of report.sections) {
      const heading = document.createElement("h3");
      heading.innerHTML = part.title_html;  // the report's own escaped HTML
      const body = document.createElement("div");
      body.className = "report-section";
      body.id = "report-" + part.id;
      body.innerHTML = part.html;  // the report's own escaped HTML
      section.append(heading, body);
    }
  }

  async function filterChoices() {
    const choices = await getJson(api + "/filters");
    fillSelect(taskFilter, choices.tasks);
    fillSelect(methodFilter, choices.controllers);
  }

  async function curves() {
    const params = filters();
    const data = await getJson(api + "/curves?" + params.toString());
    const label = t => "#" + t.id + " " + t.task + " " + t.controller + " (" + t.status + ")";
    const metric = data.trials.length ? data.trials[0].metric : "val_accuracy";
    if (!logChosen && data.trials.length) {
      logY.checked = metric === "val_loss";
    }
    metricChart.yLabel = metric;
    metricChart.draw(data.trials.map(t => ({label: label(t), points: t.points})), logX.checked, logY.checked);
    lrChart.draw(data.trials.map(t => ({label: label(t), points: t.lr})), logX.checked, logLr.checked);
    document.getElementById("curve-note").textContent = "showing " + data.trials.length + " of " + data.total
      + " trials (running first, then the newest)";
  }

  async function trials() {
    const params = filters();
    params.set("offset", String(offset));
    params.set("limit", String(limit));
    const page = await getJson(api + "/trials?" + params.toString());
    const body = document.querySelector("#trials tbody");
    body.replaceChildren(...page.trials.map(t => {
      const box = el("input", {type: "checkbox"});
      box.checked = selected.has(t.id);
      box.addEventListener("change", () => {
        if (box.checked) selected.add(t.id); else selected.delete(t.id);
        compareLink();
      });
      return el("tr", {"data-trial": String(t.id)},
        el("td", {}, box), el("td", {}, el("a", {href: "/trials/" + t.id}, "#" + t.id)), el("td", {}, t.study),
        el("td", {class: "task"}, t.task), el("td", {}, t.controller), el("td", {}, t.optimizer),
        el("td", {}, t.seed), el("td", {class: "state " + t.status}, t.status),
        el("td", {}, t.epochs_done + " / " + t.epoch_budget), el("td", {}, num(t.best_val_accuracy, 4)),
        el("td", {}, num(t.final_val_loss, 4)), el("td", {}, num(t.wall_seconds, 1)));
    }));
    const last = Math.min(page.total, offset + page.trials.length);
    document.getElementById("page-info").textContent =
      (page.total === 0 ? 0 : offset + 1) + "–" + last + " of " + page.total;
    document.getElementById("page-prev").disabled = offset === 0;
    document.getElementById("page-next").disabled = last >= page.total;
  }

  function compareLink() {
    document.getElementById("compare").setAttribute("href", "/trials?ids=" + Array.from(selected).join(","));
  }

  async function timeline() {
    const data = await getJson(api + "/jobs");
    drawTimeline(document.getElementById("timeline"), data.jobs, Date.parse(data.now));
  }

  document.getElementById("page-prev").addEventListener("click", () => { offset = Math.max(0, offset - limit); trials(); });
  document.getElementById("page-next").addEventListener("click", () => { offset += limit; trials(); });
  for (const control of [taskFilter, methodFilter, logX, logY, logLr]) {
    control.addEventListener("change", () => { offset = 0; curves(); trials(); });
  }
  every(POLL_MS, summary);
  every(POLL_MS, curves);
  every(SLOW_POLL_MS, trials);
  every(SLOW_POLL_MS, filterChoices);
  every(SLOW_POLL_MS, timeline);
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

// One row per worker, one bar per job from its claim to its end (or now), coloured by its status.
function drawTimeline(container, jobs, now) {
  const claimed = jobs.filter(j => j.claimed_at);
  const workers = Array.from(new Set(claimed.map(j => j.worker || "?"))).sort();
  const start = Math.min(...claimed.map(j => Date.parse(j.claimed_at)), now);
  const width = Math.max(320, container.clientWidth || 800);
  const left = 150;
  const row = 18;
  const height = Math.max(1, workers.length) * row + 24;
  const scale = (width - left - 10) / Math.max(1000, now - start);
  const chart = svg("svg", {width: width, height: height, role: "img"});
  workers.forEach((worker, k) => {
    const label = svg("text", {x: 4, y: k * row + 13, "font-size": 11});
    label.textContent = worker;
    chart.append(label);
  });
  const colors = {claimed: "#f28e2b", done: "#59a14f", failed: "#e15759", queued: "#bab0ac"};
  for (const job of claimed) {
    const from = Date.parse(job.claimed_at);
    const to = job.ended_at ? Date.parse(job.ended_at) : now;
    const bar = svg("rect", {x: left + (from - start) * scale, y: workers.indexOf(job.worker || "?") * row + 3,
      width: Math.max(1, (to - from) * scale), height: row - 6, fill: colors[job.status] || "#888"});
    const title = svg("title", {});
    title.textContent = job.kind + " #" + job.id + " " + job.status + " " + duration((to - from) / 1000);
    bar.append(title);
    chart.append(bar);
  }
  const axis = svg("text", {x: left, y: height - 4, "font-size": 11});
  axis.textContent = "from the first claim to now: " + duration((now - start) / 1000) + "; "
    + jobs.filter(j => j.status === "queued").length + " queued";
  chart.append(axis);
  container.replaceChildren(chart);
}

// ---- Trials side by side ----

function trialsPage() {
  const ids = document.body.dataset.trials.split(",").filter(x => x);
  const columns = document.getElementById("trial-columns");
  const charts = new Map();
  every(SLOW_POLL_MS, async () => {
    const trials = await Promise.all(ids.map(id => getJson("/api/trials/" + id)));
    trials.forEach((trial, k) => {
      let column = document.getElementById("trial-" + trial.id);
      if (!column) {
        column = el("div", {id: "trial-" + trial.id, class: "column"});
        columns.append(column);
      }
      renderTrial(column, trial, charts);
    });
  });
}

function renderTrial(column, t, charts) {
  let details = column.querySelector(".details");
  if (!details) {
    details = el("div", {class: "details"});
    const metric = el("div", {class: "chart metric", "data-points": "0"});
    const lr = el("div", {class: "chart lr", "data-points": "0"});
    const tables = el("div", {class: "tables"});
    column.append(el("h2", {}, "#" + t.id), details, el("h3", {}, "validation metric and α against steps"),
      metric, lr, tables);
    charts.set(t.id, [new Chart(metric, t.metric), new Chart(lr, "α")]);
  }
  const rows = [
    ["study", t.study], ["task", t.task], ["controller", t.controller], ["optimizer", t.optimizer],
    ["seed", t.seed], ["status", t.status], ["epochs", t.epochs_done + " / " + t.epoch_budget],
    ["epochs trained (branches included)", t.epochs_trained], ["batch size", t.batch_size],
    ["training examples", t.train_size == null ? "all" : t.train_size], ["host", t.host],
    ["started", t.started_at], ["ended", t.ended_at], ["seconds", num(t.wall_seconds, 1)],
    ["diverged at epoch", t.diverged_epoch], ["error", t.error],
    ["checkpoint", t.checkpoint ? "after epoch " + t.checkpoint.epoch + ", " + t.checkpoint.bytes + " bytes, saved "
      + t.checkpoint.saved_at : "none"],
    ["task spec", t.task_spec], ["config", t.config]];
  details.replaceChildren(el("table", {}, el("tbody", {}, ...rows.map(([key, value]) =>
    el("tr", {}, el("th", {}, key), el("td", {class: "value"}, value == null ? "–" : value))))));
  const [metric, lr] = charts.get(t.id);
  metric.yLabel = t.metric;
  metric.draw([{label: "#" + t.id, points: t.points}], false, false);
  lr.draw([{label: "#" + t.id + " α", points: t.lr}], false, true);
  const tables = column.querySelector(".tables");
  tables.replaceChildren(
    el("h3", {}, "epochs"), table(["epoch", "steps", "α", "train loss", "val loss", "val acc", "seconds"],
      t.epochs.map(e => [e.epoch, e.steps, num(e.lr, 6), num(e.train_loss, 4), num(e.val_loss, 4),
        num(e.val_accuracy, 4), num(e.wall_seconds, 2)])),
    el("h3", {}, "evaluations"), table(["step", "epochs", "val loss", "val acc", "examples"],
      t.evaluations.map(e => [e.step, num(e.epochs, 2), num(e.val_loss, 4), num(e.val_accuracy, 4), e.examples])),
    el("h3", {}, "recoveries"), table(["epoch", "step", "reason", "α after"],
      t.recoveries.map(r => [r.epoch, r.step, r.reason, num(r.lr, 6)])));
}

function table(header, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, ...header.map(h => el("th", {}, h)))),
    el("tbody", {}, ...rows.map(r => el("tr", {}, ...r.map(c => el("td", {}, c))))));
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "studies") studiesPage();
  else if (page === "study") studyPage();
  else if (page === "trials") trialsPage();
});
