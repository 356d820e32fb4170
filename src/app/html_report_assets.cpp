// The HTML report's CSS and JavaScript (no external resource: the page works offline and as a CI
// artifact). Long paths and code wrap, so nothing overflows a 1280 px window.
#include "html_report_assets.hpp"

namespace wafix::html_assets {

const char* const kStyle = R"CSS(
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff;line-height:1.45}
main{max-width:76rem;margin:0 auto;padding:1.5rem}
h1{margin-top:0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa}
#findings{width:100%;table-layout:fixed}
#findings .c-rule{width:12rem}#findings .c-pillar{width:6.5rem}#findings .c-severity{width:6.5rem}
#findings .c-where{width:14rem}#findings .c-fix{width:8.5rem}
th button{all:unset;cursor:pointer;font-weight:600;display:block;width:100%}
th button:focus-visible{outline:2px solid #0969da}
th[aria-sort=ascending] button::after{content:" \25B2"}
th[aria-sort=descending] button::after{content:" \25BC"}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.88em;background:#f6f8fa;border-radius:4px;padding:0 .25em;overflow-wrap:anywhere}
.msg p{margin:0}
.auto{color:#1a7f37}.human{color:#9a6700}
#filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0}
#filters label{display:flex;flex-direction:column;font-size:.85rem;gap:.15rem}
#filters select{max-width:18rem;font:inherit}
#shown{font-size:.9rem;color:#57606a}
#pillar-chart{max-width:44rem;width:100%;height:auto;display:block}
#pillar-chart text{font-size:13px;fill:#1f2328}
#pillar-chart .fixable{fill:#2da44e}#pillar-chart .human{fill:#d4a72c}#pillar-chart .none{fill:#d0d7de}
.legend{font-size:.85rem;color:#57606a}
.legend span::before{content:"";display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:-.05em}
.legend .fixable::before{background:#2da44e}.legend .human::before{background:#d4a72c}
tr[hidden]{display:none}
)CSS";

// Sorting (click a column heading; again to reverse) and filtering (one select per column); the
// counts line says how many findings are shown.
const char* const kScript = R"JS(
(function () {
  var table = document.getElementById("findings");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown");
  var selects = document.querySelectorAll("#filters select");
  function key(row, column) {
    if (column === "where") return [row.dataset.file, Number(row.dataset.line)];
    return [row.dataset[column] || row.cells[Number(table.querySelector("th[data-sort=" + column + "]").cellIndex)].textContent];
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }
  table.querySelectorAll("th[data-sort] button").forEach(function (button) {
    button.addEventListener("click", function () {
      var th = button.parentElement, column = th.dataset.sort;
      var order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      table.querySelectorAll("th[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", order);
      var sign = order === "ascending" ? 1 : -1;
      rows.sort(function (a, b) { return sign * compare(key(a, column), key(b, column)) || compare(key(a, "where"), key(b, "where")); });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  function filter() {
    var visible = 0;
    rows.forEach(function (row) {
      var keep = true;
      selects.forEach(function (select) {
        var name = select.dataset.filter, value = row.dataset[name] || "";
        var want = select.value, have = name === "pillar" ? value.split(" ") : [value];  // a row has 1-2 pillars
        if (want && have.indexOf(want) < 0) keep = false;
      });
      row.hidden = !keep;
      if (keep) visible++;
    });
    shown.textContent = visible + " of " + rows.length + " findings shown";
  }
  selects.forEach(function (select) { select.addEventListener("change", filter); });
  filter();
})();
)JS";

}  // namespace wafix::html_assets
