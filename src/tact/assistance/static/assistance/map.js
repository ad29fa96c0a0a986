// World map of assistance by recipient: world-atlas TopoJSON (shipped) + ECharts, no tiles.
(function () {
  function fmt(n) { return Math.round(n).toLocaleString(document.documentElement.lang || "en"); }
  function escapeHtml(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
  function render(el) {
    Promise.all([
      fetch(el.dataset.atlas).then(function (r) { return r.json(); }),
      fetch(el.dataset.source, { credentials: "same-origin" }).then(function (r) { return r.json(); })
    ]).then(function (both) {
      var topo = both[0], data = both[1];
      var geo = topojson.feature(topo, topo.objects.countries);
      // Antarctica receives no assistance; rings crossing the antimeridian (Russia, Fiji) would
      // draw lines across the whole map, so their western points move east by 360 degrees.
      geo.features = geo.features.filter(function (f) { return f.id !== "010"; });
      geo.features.forEach(function (f) {
        f.properties.m49 = String(f.id || "");
        var polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        polygons.forEach(function (polygon) {
          polygon.forEach(function (ring) {
            var east = ring.some(function (p) { return p[0] > 160; });
            var west = ring.some(function (p) { return p[0] < -160; });
            if (east && west) ring.forEach(function (p) { if (p[0] < 0) p[0] += 360; });
          });
        });
      });
      echarts.registerMap("tact-world", geo);
      var byM49 = {};
      data.states.forEach(function (s) { byM49[s.m49] = s; });
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var s = byM49[p.name];
            if (!s) return escapeHtml((p.data && p.data.label) || "");
            return "<strong>" + escapeHtml(s.name) + "</strong><br>" + el.dataset.labelAmount + ": " + fmt(s.amount_usd) +
              "<br>" + el.dataset.labelProjects + ": " + s.projects;
          }
        },
        visualMap: { min: 0, max: Math.max(data.max_amount_usd, 1), left: "left", bottom: 10, calculable: true,
                     inRange: { color: ["#e0f0ff", "#1f5fa8"] }, formatter: function (v) { return fmt(v); } },
        series: [{
          type: "map", map: "tact-world", nameProperty: "m49", roam: true,
          itemStyle: { areaColor: "#f2f2f2", borderColor: "#999" },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#f7c948" } },
          data: data.states.map(function (s) { return { name: s.m49, value: s.amount_usd }; })
        }]
      });
      chart.on("click", function (p) {
        var s = byM49[p.name];
        if (s) window.location = el.dataset.dashboard.replace("XXX", s.iso3);
      });
      window.addEventListener("resize", function () { chart.resize(); });
      var table = document.getElementById("map-table");
      if (table) {
        var rows = data.states.map(function (s) {
          return "<tr><td><a href=\"" + el.dataset.dashboard.replace("XXX", s.iso3) + "\">" + escapeHtml(s.name) +
            "</a></td><td class=\"num\">" + s.projects + "</td><td class=\"num\">" + fmt(s.amount_usd) + "</td></tr>";
        }).join("");
        table.innerHTML = rows ? "<table><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">" +
          el.dataset.labelProjects + "</th><th scope=\"col\" class=\"num\">" + el.dataset.labelAmount +
          "</th></tr></thead><tbody>" + rows + "</tbody></table>" : "";
      }
      el.dataset.rendered = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("assistance-map");
    if (el && typeof echarts !== "undefined" && typeof topojson !== "undefined") render(el);
  });
})();
