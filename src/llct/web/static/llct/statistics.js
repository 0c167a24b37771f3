// The chart of the statistics page: the first indicator by year, stacked by level (Apache ECharts,
// vendored). Drawn on load and again whenever htmx replaces the result.
(function () {
  "use strict";

  function draw() {
    var data = document.getElementById("statistics-chart-data");
    var box = document.getElementById("statistics-chart");
    if (!data || !box || !window.echarts) return;
    var chart = JSON.parse(data.textContent);
    var previous = window.echarts.getInstanceByDom(box);
    if (previous) previous.dispose();
    window.echarts.init(box).setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { top: 40, left: 50, right: 20, bottom: 30 },
      xAxis: { type: "category", data: chart.years },
      yAxis: { type: "value" },
      series: chart.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "level", data: s.data };
      }),
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
