/* Training dashboards: the gain and inter-agency charts (ECharts, data from json_script). */
"use strict";
(function () {
  var i18n = {};
function draw_index() {
  var d = JSON.parse(document.getElementById("training-data").textContent);
  var empty = i18n.empty;
  var colours = {low: "#b23b3b", medium: "#d79a00", high: "#2e8540"};
  function chart(id, has, option) { var el = document.getElementById(id); if (!has) { el.textContent = empty; el.classList.add("chart-empty"); return; } option.animation = false; echarts.init(el).setOption(option); }
  chart("chart-gain", d.gain.length > 0, {tooltip: {}, grid: {left: 40, bottom: 90}, xAxis: {type: "category", data: d.gain.map(function (g) { return g.title; }), axisLabel: {interval: 0, rotate: 25, width: 140, overflow: "truncate"}}, yAxis: {type: "value", min: 0, max: 1},
    series: [{type: "bar", data: d.gain.map(function (g) { return {value: g.gain, itemStyle: {color: colours[g.band]}}; }), markLine: {symbol: "none", data: [{yAxis: 0.3}, {yAxis: 0.7}]}}]});
  var states = Object.keys(d.mix), years = [];
  states.forEach(function (s) { Object.keys(d.mix[s]).forEach(function (y) { if (years.indexOf(y) < 0) years.push(y); }); }); years.sort();
  chart("chart-mix", states.length > 0, {tooltip: {trigger: "axis"}, legend: {}, xAxis: {type: "category", data: years}, yAxis: {type: "value", min: 0, max: 1},
    series: states.map(function (s) { return {name: s, type: "bar", data: years.map(function (y) { var v = d.mix[s][y]; return v === undefined ? null : v; })}; })});
}

function draw_session() {
  var d = JSON.parse(document.getElementById("session-data").textContent);
  var mix = JSON.parse(document.getElementById("mix-data").textContent);
  var empty = i18n.empty;
  function chart(id, has, option) { var el = document.getElementById(id); if (!has) { el.textContent = empty; el.classList.add("chart-empty"); return; } option.animation = false; echarts.init(el).setOption(option); }
  var colours = {low: "#b23b3b", medium: "#d79a00", high: "#2e8540", "": "#9aa5b1"};
  var p = d.participants.filter(function (x) { return x.pre !== null || x.post !== null; });
  chart("chart-gain", p.length > 0, {tooltip: {trigger: "axis"}, legend: {}, grid: {left: 45, right: 45, bottom: 60},
    xAxis: {type: "category", data: p.map(function (x) { return x.code; }), axisLabel: {interval: 0, rotate: 40}},
    yAxis: [{type: "value", min: 0, max: d.max, name: i18n.score}, {type: "value", min: -0.2, max: 1, name: "g"}],
    series: [{name: i18n.pre, type: "bar", data: p.map(function (x) { return x.pre; }), itemStyle: {color: "#b3c7da"}},
             {name: i18n.post, type: "bar", data: p.map(function (x) { return x.post; }), itemStyle: {color: "#2f7bbf"}},
             {name: "g", type: "scatter", yAxisIndex: 1, symbolSize: 12, data: p.map(function (x) { return {value: x.gain, itemStyle: {color: colours[x.band]}}; })}]});
  chart("chart-mix", mix.length > 0, {tooltip: {trigger: "item"}, series: [{type: "pie", radius: ["35%", "65%"], data: mix}]});
}

  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("training-i18n");
    if (!holder) { return; }
    i18n = holder.dataset;
    if (holder.dataset.page === "index") { draw_index(); } else { draw_session(); }
  });
})();
