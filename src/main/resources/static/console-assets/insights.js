// Console behaviour of the insights area (no inline scripts: pages carry data-* attributes).
// - canvas[data-chart]: draws the usage charts with Chart.js from the JSON in the attribute (stacked bars per day)
"use strict";
(function () {
  var PALETTE = ["#1f6feb", "#d97706", "#16a34a", "#db2777", "#7c3aed", "#0891b2", "#dc2626", "#65a30d", "#9333ea", "#475569"];

  function drawCharts(root) {
    if (!window.Chart) { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (window.Chart.getChart(canvas)) { return; }
      var data;
      try { data = JSON.parse(canvas.getAttribute("data-chart")); } catch (e) { return; }
      data.datasets.forEach(function (set, i) {
        set.backgroundColor = PALETTE[i % PALETTE.length];
        set.borderColor = PALETTE[i % PALETTE.length];
      });
      new window.Chart(canvas, {
        type: "bar",
        data: { labels: data.labels, datasets: data.datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { position: "bottom" } },
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
        }
      });
    });
  }

  // Chart.js is a deferred script of the page body, so it runs after this file: draw when the document is parsed
  // (every deferred script has run by then), or at once when that has happened already; drawing twice is a no-op.
  function drawAll() { drawCharts(document); }
  if (document.readyState === "complete") { drawAll(); } else {
    document.addEventListener("DOMContentLoaded", drawAll);
    window.addEventListener("load", drawAll);
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
