// Evaluation charts (indicator periods, portfolio), moved out of the templates so that the
// Content-Security-Policy allows no inline script. Data comes from a json_script block named
// by data-source; translated labels come from data-label-* attributes.
(function () {
  function data(el) { return JSON.parse(document.getElementById(el.dataset.source).textContent); }

  function indicator(el) {
    var d = data(el);
    var chart = echarts.init(el);
    var series = [
      {name: el.dataset.labelTarget, type: "line", data: d.target, connectNulls: true, lineStyle: {type: "dashed"}},
      {name: el.dataset.labelActual, type: "bar", data: d.actual}
    ];
    if (d.baseline !== null) {
      series[1].markLine = {data: [{yAxis: d.baseline, name: el.dataset.labelBaseline}], label: {formatter: el.dataset.labelBaseline}};
    }
    chart.setOption({animation: false, tooltip: {trigger: "axis"}, legend: {}, xAxis: {type: "category", data: d.labels}, yAxis: {type: "value"}, series: series});
  }

  function portfolio(root) {
    var d = data(root);
    var empty = root.dataset.empty;
    function chart(id, has, option) {
      var el = document.getElementById(id);
      if (!has) { el.textContent = empty; el.classList.add("chart-empty"); return; }
      option.animation = false;
      echarts.init(el).setOption(option);
    }
    var colours = {on_track: "#2e8540", at_risk: "#d79a00", off_track: "#b23b3b", not_measurable: "#9aa5b1"};
    var labels = {on_track: root.getAttribute("data-label-on_track"),
                  at_risk: root.getAttribute("data-label-at_risk"),
                  off_track: root.getAttribute("data-label-off_track"),
                  not_measurable: root.getAttribute("data-label-not_measurable")};
    chart("chart-achievement", d.achievement.some(function (a) { return a.count > 0; }), {
      tooltip: {}, xAxis: {type: "category", axisLabel: {interval: 0}, data: d.achievement.map(function (a) { return labels[a.status]; })}, yAxis: {type: "value", minInterval: 1},
      series: [{type: "bar", data: d.achievement.map(function (a) { return {value: a.count, itemStyle: {color: colours[a.status]}}; })}]
    });
    chart("chart-funders", d.funders.length > 0, {
      tooltip: {trigger: "item", valueFormatter: function (v) { return Math.round(v).toLocaleString() + " USD"; }}, series: [{type: "pie", radius: ["35%", "65%"], data: d.funders}]
    });
    var criteria = [], levels = [];
    d.ratings.forEach(function (r) { var c = r.criterion + " (" + r.scale + ")"; if (criteria.indexOf(c) < 0) criteria.push(c); Object.keys(r.counts).forEach(function (l) { if (levels.indexOf(l) < 0) levels.push(l); }); });
    chart("chart-ratings", d.ratings.length > 0, {
      tooltip: {trigger: "axis"}, legend: {}, grid: {left: 140}, xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: criteria},
      series: levels.map(function (l) { return {name: l, type: "bar", stack: "r", data: criteria.map(function (c) { var row = d.ratings.find(function (r) { return r.criterion + " (" + r.scale + ")" === c; }); return row.counts[l] || 0; })}; })
    });
    chart("chart-hhi", d.concentration.length > 0, {
      tooltip: {}, xAxis: {type: "category", data: d.concentration.map(function (c) { return c.state; })}, yAxis: {type: "value", max: 1},
      series: [{type: "bar", data: d.concentration.map(function (c) { return c.hhi; })}]
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("[data-evaluation-chart]").forEach(function (el) {
      if (el.dataset.evaluationChart === "indicator") indicator(el);
      if (el.dataset.evaluationChart === "portfolio") portfolio(el);
    });
  });
})();
