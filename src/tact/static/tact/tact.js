// Small behaviours shared by every page. htmx does the rest.
document.addEventListener("htmx:responseError", function (event) {
  if (event.detail.xhr.status === 403) {
    alert(document.documentElement.lang === "en" ? "Your session has expired or you may not do this." : "403");
  }
});

// Record picker: a button carrying data-ref fills the nearest form's hidden record_ref.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest(".pick-record") : null;
  if (!button) return;
  var form = button.closest("form");
  form.querySelector("input[name=record_ref]").value = button.dataset.ref;
  var chosen = form.querySelector("#record-chosen");
  if (chosen) chosen.textContent = "✓ " + button.dataset.title;
  var title = form.querySelector("input[name=title]");
  if (title && !title.value) title.value = button.dataset.title;
});

// Charts: any element with data-chart holds an ECharts option as JSON in a sibling script.
function tactCharts(root) {
  if (typeof echarts === "undefined") return;
  (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
    if (el.dataset.rendered) return;
    var source = document.getElementById(el.dataset.chart);
    if (!source) return;
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(JSON.parse(source.textContent));
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
}
document.addEventListener("DOMContentLoaded", function () { tactCharts(); });
document.addEventListener("htmx:afterSettle", function (event) { tactCharts(event.target); });

// Content-Security-Policy: no inline handlers or style attributes. A select with
// data-autosubmit submits its form on change; data-width="42" sets a bar's width to 42%,
// data-depth="2" a tree node's --depth.
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
function tactStyles(root) {
  (root || document).querySelectorAll("[data-width]").forEach(function (el) {
    var value = parseFloat(el.dataset.width);
    if (!isNaN(value)) el.style.width = Math.max(0, Math.min(100, value)) + "%";
  });
  (root || document).querySelectorAll("[data-depth]").forEach(function (el) {
    el.style.setProperty("--depth", String(parseInt(el.dataset.depth, 10) || 0));
  });
}
document.addEventListener("DOMContentLoaded", function () { tactStyles(); });
document.addEventListener("htmx:afterSettle", function (event) { tactStyles(event.target); });
