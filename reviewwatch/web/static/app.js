// The desk's few behaviours. No inline script: the CSP forbids it, so everything is here.
// Every page works without this file; it adds copy buttons, the live character counter and
// move chips, and the queue's keyboard shortcuts (j/k/e/a/r/?).
(function () {
  "use strict";

  // Copy buttons for "post it yourself" replies.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var source = button.parentElement.querySelector(".copy-source");
    if (!source) return;
    source.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(source.value).then(function () { button.textContent = "Copied"; });
    }
  });

  // The counter and move chips follow the staff's edit, as the server computes them.
  function squash(text) { return text.split(/\s+/).filter(Boolean).join(" "); }
  function measure(text, unit) {
    if (unit === "bytes") return new TextEncoder().encode(text).length;
    return Array.from(text).length;  // code points, as Python's len()
  }
  function follow(area) {
    var form = area.closest("form");
    if (!form) return;
    var unit = area.dataset.unit || "characters";
    var limit = area.dataset.limit ? parseInt(area.dataset.limit, 10) : null;
    var size = measure(area.value, unit);
    var counter = form.querySelector(".counter");
    if (counter) {
      counter.textContent = size + (limit ? " of " + limit : "") + " " + unit;
      counter.classList.toggle("over", limit !== null && size > limit);
    }
    var flat = squash(area.value);
    form.querySelectorAll(".move[data-part]").forEach(function (chip) {
      var kept = flat.indexOf(squash(chip.dataset.part)) !== -1;
      chip.classList.toggle("gone", !kept);
      chip.title = kept ? "in the reply" : "edited out of the reply";
    });
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea.reply")) follow(event.target);
  });

  // Keyboard shortcuts on the queue.
  var help = document.getElementById("shortcuts");
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
    if (!help.hidden) help.querySelector(".close-help").focus();
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest(".close-help")) toggleHelp(false);
  });

  function cards() { return Array.prototype.slice.call(document.querySelectorAll("article.draft")); }
  var current = -1;
  function select(index) {
    var all = cards();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (card, i) { card.classList.toggle("current", i === current); });
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }
  function card() { var all = cards(); return current >= 0 ? all[current] : null; }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.matches("input, textarea, select");
    if (event.key === "Escape") {
      if (help && !help.hidden) { toggleHelp(false); return; }
      if (typing) {
        target.blur();
        var here = target.closest("article.draft");
        if (here) select(cards().indexOf(here));
      }
      return;
    }
    if (typing) return;
    if (event.key === "?") { event.preventDefault(); toggleHelp(); return; }
    if (help && !help.hidden) return;
    var c = card();
    switch (event.key) {
      case "j": event.preventDefault(); select(current + 1); break;
      case "k": event.preventDefault(); select(current < 0 ? 0 : current - 1); break;
      case "e":
        if (!c) return;
        var area = c.querySelector("textarea.reply");
        if (area) { event.preventDefault(); area.focus(); }
        break;
      case "a":
        if (!c) return;
        var approve = c.querySelector("form.decide");
        if (approve) { event.preventDefault(); approve.requestSubmit(); }
        break;
      case "r":
        if (!c) return;
        var reason = c.querySelector("form.reject input[name=reason]");
        if (reason) { event.preventDefault(); reason.focus(); }
        break;
      default:
    }
  });
})();
