// transcript-grader web app: progress polling, quote links, confirmations. No framework.
"use strict";

function text(id, value) {
  const el = document.getElementById(id);
  if (el) el.textContent = value;
}

function seconds(value) {
  if (value === null || value === undefined) return "-";
  if (value < 60) return Math.round(value) + " s";
  const s = Math.floor(value % 60);
  return Math.floor(value / 60) + " min " + (s < 10 ? "0" : "") + s + " s";
}

function watchJob(section) {
  const id = section.dataset.job;
  async function poll() {
    let state;
    try {
      const answer = await fetch("/api/jobs/" + encodeURIComponent(id), {credentials: "same-origin"});
      if (!answer.ok) throw new Error("HTTP " + answer.status);
      state = await answer.json();
    } catch (err) {
      text("job-note", "Cannot reach the server (" + err.message + "); trying again.");
      setTimeout(poll, 2000);
      return;
    }
    section.dataset.status = state.status;
    text("job-status", state.status);
    text("job-queue", state.queue_position ? "(" + state.queue_position + " job(s) ahead)" : "");
    text("job-done", state.done);
    text("job-total", state.total);
    text("job-dimension", state.dimension || "-");
    text("job-asking", state.asking || "");
    text("job-elapsed", seconds(state.elapsed_seconds));
    text("job-remaining", seconds(state.remaining_seconds));
    text("job-note", state.note || "");
    const bar = document.getElementById("job-progress");
    if (bar) { bar.max = Math.max(state.total, 1); bar.value = Math.min(state.done, bar.max); }
    if (state.status === "done" && state.result_url) {
      window.location.assign(state.result_url);
      return;
    }
    if (state.status === "failed") {
      const error = document.getElementById("job-error");
      if (error) { error.textContent = state.error; error.hidden = false; }
      return;
    }
    setTimeout(poll, 500);
  }
  poll();
}

function flashTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  document.querySelectorAll(".flash").forEach((el) => el.classList.remove("flash"));
  target.classList.add("flash");
  target.scrollIntoView({block: "center"});
}

document.addEventListener("DOMContentLoaded", () => {
  const job = document.getElementById("job");
  if (job && (job.dataset.status === "queued" || job.dataset.status === "running")) watchJob(job);
  window.addEventListener("hashchange", flashTarget);
  flashTarget();
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  const batch = document.getElementById("batch-jobs");
  if (batch && batch.querySelector("td.status") &&
      Array.from(batch.querySelectorAll("td.status")).some((td) => td.textContent === "queued" || td.textContent === "running")) {
    setTimeout(() => window.location.reload(), 1500);
  }
});
