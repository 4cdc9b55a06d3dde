// Polls the export job's small JSON endpoint and moves the progress bar; a reload starts again
// from the state in the database.
(function () {
  "use strict";
  var root = document.querySelector(".namnd-export");
  if (!root) return;
  var script = document.currentScript || document.querySelector("script[data-parts-label]");
  var of = script ? script.dataset.partsLabel : "/";
  var unit = script ? script.dataset.partsUnit : "";
  var bar = document.getElementById("export-progress");
  var state = document.getElementById("export-state");
  var error = document.getElementById("export-error");
  var download = document.getElementById("export-download");
  function finished(s) { return s === "done" || s === "failed"; }
  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        bar.value = job.percent;
        bar.textContent = job.percent + " %";
        state.textContent = job.label + ": " + job.done + " " + of + " " + job.total + " " + unit;
        if (job.error) { error.textContent = job.error; error.hidden = false; }
        if (job.state === "done") download.hidden = false;
        if (!finished(job.state)) window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (!finished(root.dataset.state)) window.setTimeout(poll, 1000);
})();
