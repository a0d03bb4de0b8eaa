// Progressive enhancement of the server-rendered countdown: keep "còn N ngày M giờ" current
// without reloading the page. The formats come from the page, in its language.
(function () {
  function format(template, values) {
    return template.replace(/%\((\w)\)s/g, function (_, key) { return String(values[key]); });
  }
  function update(element) {
    var target = Date.parse(element.getAttribute("data-target"));
    var value = element.querySelector(".countdown-value");
    if (isNaN(target) || !value) { return; }
    var left = Math.max(0, target - Date.now());
    if (left === 0) { element.textContent = element.getAttribute("data-closed"); return; }
    var minutes = Math.floor(left / 60000), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
    var text;
    if (days > 0) { text = format(element.getAttribute("data-format-days"), { d: days, h: hours % 24 }); }
    else if (hours > 0) { text = format(element.getAttribute("data-format-hours"), { h: hours, m: minutes % 60 }); }
    else { text = format(element.getAttribute("data-format-minutes"), { m: Math.max(1, minutes) }); }
    if (value.textContent !== text) { value.textContent = text; }
  }
  function start() {
    var elements = document.querySelectorAll("[data-countdown]");
    elements.forEach(update);
    if (elements.length) { setInterval(function () { elements.forEach(update); }, 30000); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
